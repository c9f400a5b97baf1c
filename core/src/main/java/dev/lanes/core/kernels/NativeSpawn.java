package dev.lanes.core.kernels;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Starts a process with the C library's {@code posix_spawnp} and waits for it with
 * {@code wait4} (which also gives its CPU time), through the JDK's foreign-function API. Why not {@link ProcessBuilder}:
 * the JDK starts every child through a helper program ({@code jspawnhelper}) that then
 * executes the command, two program loads instead of one, which made {@code true} take
 * 1.6–2.2 ms here against hyperfine's 0.6 ms; {@code posix_spawnp} is what hyperfine itself
 * uses. Available on Linux with glibc 2.29 or newer (for {@code addchdir_np}); elsewhere
 * {@link #available()} is empty and the caller uses {@link ProcessBuilder}.
 */
final class NativeSpawn {
    private static final int O_RDONLY = 0;
    private static final int O_WRONLY = 1;
    private static final int O_CREAT = 0100;
    private static final int O_TRUNC = 01000;
    /** struct rusage (144 bytes on 64-bit Linux) starts with ru_utime and ru_stime, each a timeval of two longs. */
    private static final long RUSAGE_BYTES = 256;
    /** Bigger than glibc's posix_spawn_file_actions_t (80 bytes) and posix_spawnattr_t (336) on every Linux ABI. */
    private static final long OPAQUE_BYTES = 1024;

    private final MethodHandle actionsInit;
    private final MethodHandle actionsDestroy;
    private final MethodHandle addOpen;
    private final MethodHandle addChdir;
    private final MethodHandle spawnp;
    private final MethodHandle wait4;
    private final MethodHandle strerror;

    private static final Optional<NativeSpawn> INSTANCE = load();

    private NativeSpawn(SymbolLookup libc, Linker linker) {
        ValueLayout.OfInt i = ValueLayout.JAVA_INT;
        ValueLayout p = ValueLayout.ADDRESS;
        actionsInit = handle(linker, libc, "posix_spawn_file_actions_init", FunctionDescriptor.of(i, p));
        actionsDestroy = handle(linker, libc, "posix_spawn_file_actions_destroy", FunctionDescriptor.of(i, p));
        addOpen = handle(linker, libc, "posix_spawn_file_actions_addopen", FunctionDescriptor.of(i, p, i, p, i, i));
        addChdir = handle(linker, libc, "posix_spawn_file_actions_addchdir_np", FunctionDescriptor.of(i, p, p));
        spawnp = handle(linker, libc, "posix_spawnp", FunctionDescriptor.of(i, p, p, p, p, p, p));
        wait4 = handle(linker, libc, "wait4", FunctionDescriptor.of(i, i, p, i, p));
        strerror = handle(linker, libc, "strerror", FunctionDescriptor.of(p, i));
    }

    private static MethodHandle handle(Linker linker, SymbolLookup libc, String name, FunctionDescriptor descriptor) {
        return linker.downcallHandle(libc.find(name).orElseThrow(() -> new UnsupportedOperationException(name)), descriptor);
    }

    private static Optional<NativeSpawn> load() {
        if (!System.getProperty("os.name", "").equals("Linux") || Boolean.getBoolean("lanes.exec.processBuilder")) {
            return Optional.empty();
        }
        try {
            Linker linker = Linker.nativeLinker();
            return Optional.of(new NativeSpawn(linker.defaultLookup(), linker));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();                // no such symbols, or native access refused: ProcessBuilder does it
        }
    }

    /** The spawner, where this system has it. */
    static Optional<NativeSpawn> available() {
        return INSTANCE;
    }

    /**
     * Where a child's standard streams go.
     *
     * @param stdout {@code null} to inherit lanes' own; else a file (e.g. /dev/null), truncated
     * @param stderr a file, truncated
     */
    record Streams(Path stdout, Path stderr) {
    }

    /**
     * A command made ready to start many times: its C strings, its file actions (where its
     * streams go, its folder) and the memory its start and wait write into, built once. A
     * start is then one call and a wait another. Building them at every start (an arena, six
     * calls, a dozen C strings) ran in code the JIT had not compiled yet, which a short command's
     * few hundred runs never let it do: making them once took {@code true} from 1.29× to 1.09×
     * hyperfine's ({@code EXEC_CASES=true bench/exec-vs-hyperfine.sh 6}, AMD EPYC Zen 4). One
     * start at a time per command; {@link #close} frees what the C library allocated for it.
     */
    final class Command implements AutoCloseable {
        private final Arena arena = Arena.ofShared();
        private final MemorySegment actions;
        private final MemorySegment program;
        private final MemorySegment argv;
        private final MemorySegment environment;
        private final MemorySegment pid;
        private final MemorySegment status;
        private final MemorySegment usage;
        private boolean initialised;
        private boolean closed;

        private Command(List<String> words, MemorySegment environment, Path cwd, Streams streams) throws java.io.IOException {
            this.environment = environment;
            this.program = arena.allocateFrom(words.get(0));
            this.argv = strings(arena, words);
            this.pid = arena.allocate(ValueLayout.JAVA_INT);
            this.status = arena.allocate(ValueLayout.JAVA_INT);
            this.usage = arena.allocate(RUSAGE_BYTES, 8);
            this.actions = arena.allocate(OPAQUE_BYTES, 16);
            try {
                check((int) actionsInit.invokeExact(actions), "posix_spawn_file_actions_init");
                initialised = true;
                open(0, Path.of("/dev/null"), O_RDONLY);
                if (streams.stdout() != null) {
                    open(1, streams.stdout(), O_WRONLY | O_CREAT | O_TRUNC);
                }
                open(2, streams.stderr(), O_WRONLY | O_CREAT | O_TRUNC);
                if (cwd != null) {
                    check((int) addChdir.invokeExact(actions, arena.allocateFrom(cwd.toString())), "chdir to " + cwd);
                }
            } catch (java.io.IOException | RuntimeException | Error e) {
                close();
                throw e;
            } catch (Throwable t) {
                close();
                throw new IllegalStateException("posix_spawn_file_actions", t);
            }
        }

        private void open(int fd, Path path, int flags) throws Throwable {
            check((int) addOpen.invokeExact(actions, fd, arena.allocateFrom(path.toString()), flags, 0644), "open " + path);
        }

        /**
         * Starts it.
         *
         * @return the child's pid
         * @throws java.io.IOException when it cannot be started, with the C library's reason
         */
        long start() throws java.io.IOException {
            try {
                int error = (int) spawnp.invokeExact(pid, program, actions, MemorySegment.NULL, argv, environment);
                if (error != 0) {
                    throw new java.io.IOException(reason(error));
                }
                return pid.get(ValueLayout.JAVA_INT, 0);
            } catch (java.io.IOException | RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException("posix_spawnp", t);
            }
        }

        /** Waits for the child it started to end, with its resource use. */
        Ended await(long child) {
            try {
                int got;
                do {
                    got = (int) wait4.invokeExact((int) child, status, 0, usage);
                } while (got == -1 && ProcessHandle.of(child).isPresent());      // EINTR: wait again
                if (got == -1) {
                    throw new IllegalStateException("wait4(" + child + ") failed");
                }
                int s = status.get(ValueLayout.JAVA_INT, 0);
                int signal = s & 0x7f;
                return new Ended(signal == 0 ? (s >> 8) & 0xff : 128 + signal, timeval(usage, 0), timeval(usage, 16));
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException("wait4", t);
            }
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (initialised) {
                    int ignored = (int) actionsDestroy.invokeExact(actions);
                }
            } catch (Throwable t) {
                // nothing more to free; the arena goes all the same
            }
            arena.close();
        }
    }

    /**
     * Makes a command ready to start.
     *
     * @param environment the child's whole environment ({@link #environment})
     * @param cwd         {@code null} for lanes' own
     * @throws java.io.IOException when the C library refuses its file actions, with its reason
     */
    Command prepare(List<String> argv, MemorySegment environment, Path cwd, Streams streams) throws java.io.IOException {
        return new Command(argv, environment, cwd, streams);
    }

    /**
     * How a child ended.
     *
     * @param status      its exit status (0–255), or 128 + the signal that ended it
     * @param userNanos   its user CPU time and that of the children it waited for (wait4's rusage, µs resolution)
     * @param systemNanos likewise, system time
     */
    record Ended(int status, long userNanos, long systemNanos) {
    }

    private static long timeval(MemorySegment usage, long offset) {
        return usage.get(ValueLayout.JAVA_LONG, offset) * 1_000_000_000L + usage.get(ValueLayout.JAVA_LONG, offset + 8) * 1_000L;
    }

    private void check(int error, String what) throws java.io.IOException {
        if (error != 0) {
            throw new java.io.IOException(what + ": " + reason(error));
        }
    }

    private String reason(int error) {
        try {
            MemorySegment text = (MemorySegment) strerror.invokeExact(error);
            return text.reinterpret(256).getString(0) + " (errno " + error + ")";
        } catch (Throwable t) {
            return "errno " + error;
        }
    }

    /**
     * An environment (NAME=VALUE each) as the C array {@link #start} takes, made once: converting
     * some fifty strings at every start would cost more than the start's own bookkeeping. Its
     * memory lives as long as the segment is reachable.
     */
    static MemorySegment environment(List<String> entries) {
        return strings(Arena.ofAuto(), entries);
    }

    /** A NULL-terminated array of C strings. */
    private static MemorySegment strings(Arena arena, List<String> values) {
        MemorySegment array = arena.allocate(ValueLayout.ADDRESS, values.size() + 1L);
        for (int i = 0; i < values.size(); i++) {
            array.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(values.get(i)));
        }
        array.setAtIndex(ValueLayout.ADDRESS, values.size(), MemorySegment.NULL);
        return array;
    }
}
