package dev.lanes.core.result;

import java.util.List;

/**
 * Which spec a result belongs to and how it was run.
 *
 * @param file      the spec file as it was named on the command line
 * @param digest    SHA-256 of the spec text and the {@code --set} overrides
 * @param quick     sizes and iterations were shrunk by {@code --quick}: a smoke run
 * @param settings  the settings the run used, spelled as a spec spells them
 * @param overrides the {@code --set STAGE.PARAM=VALUE} overrides, in order
 * @param flags     every other command-line flag that changed what ran or how (e.g. "--threads 1,2")
 * @param weak      the stages measured for weak scaling and the parameter that grows with the threads
 * @param gates     the stages whose spec sets their own gate rule
 * @param files     the data files the run's stages read, with their size and SHA-256
 */
public record SpecInfo(String name, String file, String digest, boolean quick, RunSettings settings,
                       List<String> overrides, List<String> flags, List<WeakAxis> weak, List<StageGate> gates,
                       List<InputFile> files) {

    public SpecInfo {
        overrides = List.copyOf(overrides);
        flags = List.copyOf(flags);
        weak = List.copyOf(weak);
        gates = List.copyOf(gates);
        files = List.copyOf(files);
    }
}
