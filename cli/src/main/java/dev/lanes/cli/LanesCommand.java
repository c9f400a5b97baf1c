package dev.lanes.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top command: {@code lanes <subcommand>}. */
@Command(name = "lanes", mixinStandardHelpOptions = true, versionProvider = LanesVersion.class,
    description = "Parallel workload runner for the JVM: SIMD, threads and GPU, measured honestly.",
    subcommands = {RunCommand.class, ReportCommand.class, CompareCommand.class, PlanCommand.class, CalibrateCommand.class, ValidateCommand.class, MergeCommand.class, MemberCommand.class,
        KernelsCommand.class, InfoCommand.class, CompletionCommand.class,
        CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success",
        "1:performance gate failed",
        "2:bad usage or invalid spec (nothing ran)",
        "3:execution failed: verification mismatch, kernel error, out of memory, backend unusable",
        "130:interrupted"})
public final class LanesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The configured command line: the one place {@code main} and the tests share. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new LanesCommand());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler(new UsageErrorHandler());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed: run, report, compare, plan, calibrate, validate, kernels or info");
    }
}
