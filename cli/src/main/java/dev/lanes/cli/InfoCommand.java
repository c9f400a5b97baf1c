package dev.lanes.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lanes.core.UsageException;
import dev.lanes.core.exec.Availability;
import dev.lanes.core.machine.MachineInfo;
import dev.lanes.core.text.Bytes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code lanes info}: the hardware, the JVM, and which backends are usable here and why not. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Hardware, JVM, SIMD width and GPU availability.")
final class InfoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--format", paramLabel = "table|json", defaultValue = "table", description = "Output format. Default: ${DEFAULT-VALUE}.")
    String format;

    @Override
    public Integer call() throws Exception {
        MachineInfo m = MachineInfo.detect(common.accelerators());
        PrintWriter out = spec.commandLine().getOut();
        switch (format.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "json" -> out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(m));
            case "table" -> {
                out.println("lanes    " + LanesVersion.current());
                out.println("cpu      " + m.cpuModel() + ", " + m.cores() + " hardware threads");
                out.println("os       " + m.os() + " (" + m.arch() + ")");
                out.println("jvm      " + m.jvmVendor() + " " + m.jvmVersion() + " · " + m.jvmName() + " (" + m.jvmInfo() + ")");
                out.println("heap     " + Bytes.format(m.maxHeapBytes()) + " max");
                out.println("scalar   usable");
                out.println("simd     " + describe(m.simd()));
                out.println("threads  usable, 1.." + m.cores());
                out.println("gpu      " + describe(m.gpu()));
            }
            default -> throw new UsageException("--format: expected table or json, got '" + format + "'");
        }
        out.flush();
        return 0;
    }

    private static String describe(Availability a) {
        return a.usable() ? "usable: " + a.detail() : "unusable: " + a.detail();
    }
}
