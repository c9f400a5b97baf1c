package dev.lanes.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * lanes against numpy on the same data: numpy writes the files (every dtype lanes reads, both
 * byte orders, a Fortran-order matrix), lanes loads them, runs its kernels and saves their
 * outputs, and numpy checks the outputs (histogram and sort exactly, the sums within the bound
 * their arithmetic allows) and that every saved array reads back bit for bit. Skipped with the
 * reason where python3 with numpy is not installed.
 */
@Tag("slow")
class NumpyDataTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void numpyIsHere() throws InterruptedException {
        assumeTrue(python("import numpy").exit() == 0, "python3 with numpy is not installed");
    }

    private record Result(int exit, String output) {
    }

    private static Result python(String script) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("python3", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out: " + out);
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        }
    }

    private static final String WRITE = """
        import numpy as np
        rng = np.random.default_rng(2026)
        x = rng.standard_normal(100_003)
        y = rng.standard_normal(100_003)
        np.save('x_f8.npy', x)
        np.save('x_be.npy', x.astype('>f8'))
        np.save('y_f4.npy', y.astype(np.float32))
        np.save('keys_i8.npy', rng.integers(-2**62, 2**62, 50_001))
        np.save('keys_i4_be.npy', rng.integers(-2**31, 2**31 - 1, 20_000).astype('>i4'))
        np.save('m_fortran.npy', np.asfortranarray(rng.standard_normal((301, 17))))
        np.save('u.npy', rng.random(77_777))
        np.savetxt('c.csv', y[:1000], delimiter=',', header='y', comments='')
        np.save('a.npy', rng.standard_normal((67, 45)))
        np.save('b.npy', np.asfortranarray(rng.standard_normal((45, 38))))
        np.save('a32.npy', rng.standard_normal((40, 33)).astype(np.float32))
        np.save('b32.npy', rng.standard_normal((33, 21)).astype(np.float32))
        np.save('batch.npy', rng.random((64, 20)).astype(np.float32))
        np.savez('net.npz', w0=rng.uniform(-0.5, 0.5, (20, 16)).astype(np.float32),
                 b0=rng.uniform(-0.1, 0.1, 16).astype(np.float32),
                 w1=rng.uniform(-0.5, 0.5, (16, 4)).astype(np.float32), b1=rng.uniform(-0.1, 0.1, 4).astype(np.float32))
        """;

    private static final String SPEC = """
        settings: { warmup: 1, iterations: 3, min-warmup-ms: 0, threads: [1, 2] }
        stages:
          - { id: x, kernel: load, params: { file: x_f8.npy } }
          - { id: xbe, kernel: load, params: { file: x_be.npy } }
          - { id: y, kernel: load, params: { file: y_f4.npy } }
          - { id: k8, kernel: load, params: { file: keys_i8.npy } }
          - { id: k4, kernel: load, params: { file: keys_i4_be.npy } }
          - { id: m, kernel: load, params: { file: m_fortran.npy } }
          - { id: u, kernel: load, params: { file: u.npy } }
          - { id: c, kernel: load, params: { file: c.csv, type: f32 } }
          - { id: squares, kernel: sum-of-squares, inputs: [x] }
          - { id: squares_be, kernel: sum-of-squares, inputs: [xbe] }
          - { id: xx, kernel: dot, inputs: [x, xbe] }
          - { id: squares_m, kernel: sum-of-squares, inputs: [m] }
          - { id: counts, kernel: histogram, params: { bins: 64, low: 0, high: 1 }, inputs: [u] }
          - { id: sorted8, kernel: sort, inputs: [k8] }
          - { id: sorted4, kernel: sort, inputs: [k4] }
          - { id: squares_c, kernel: sum-of-squares, inputs: [c] }
          - { id: a, kernel: load, params: { file: a.npy } }
          - { id: b, kernel: load, params: { file: b.npy } }
          - { id: product, kernel: matmul, inputs: [a, b] }
          - { id: a32, kernel: load, params: { file: a32.npy } }
          - { id: b32, kernel: load, params: { file: b32.npy } }
          - { id: product32, kernel: matmul, inputs: [a32, b32] }
          - { id: batch, kernel: load, params: { file: batch.npy } }
          - { id: infer, kernel: mlp-forward, params: { layers: [20, 16, 4] }, inputs: [batch] }
          - { id: trained, kernel: mlp-forward, params: { layers: [20, 16, 4], weights: net.npz }, inputs: [batch] }
        """;

    private static final String CHECK = """
        import numpy as np, sys
        out = 'out/'
        x = np.load('x_f8.npy'); u = np.load('u.npy'); m = np.load('m_fortran.npy')
        def close(name, got, want, bound):
            err = abs(float(got) - float(want)) / abs(float(want))
            if not err <= bound: sys.exit(f'{name}: {float(got)!r} vs numpy {float(want)!r}, relative error {err:.2e} > {bound}')
        close('squares', np.load(out + 'squares.npy'), np.sum(x * x), 1e-12)
        close('squares_be', np.load(out + 'squares_be.npy'), np.sum(x * x), 1e-12)
        close('xx', np.load(out + 'xx.npy'), np.dot(x, x), 1e-12)
        close('squares_m', np.load(out + 'squares_m.npy'), np.sum(m * m), 1e-12)
        c = np.loadtxt('c.csv', skiprows=1).astype(np.float32).astype(np.float64)
        close('squares_c', np.load(out + 'squares_c.npy'), np.sum(c * c), 1e-6)
        counts = np.load(out + 'counts.npy')
        if not np.array_equal(counts, np.histogram(u, bins=64, range=(0, 1))[0]): sys.exit('histogram differs')
        if not np.array_equal(np.load(out + 'sorted8.npy'), np.sort(np.load('keys_i8.npy'))): sys.exit('sort i64 differs')
        if not np.array_equal(np.load(out + 'sorted4.npy'), np.sort(np.load('keys_i4_be.npy')).astype(np.int64)):
            sys.exit('sort i32 differs')
        # what lanes loaded and saved is the data, bit for bit, in C order and lanes' own byte order
        for name, want in [('x', x), ('xbe', x), ('m', m), ('y', np.load('y_f4.npy')),
                           ('k8', np.load('keys_i8.npy')), ('k4', np.load('keys_i4_be.npy').astype(np.int64))]:
            got = np.load(out + name + '.npy')
            if got.dtype.byteorder not in '<=' or not np.array_equal(got.view(np.uint8), np.ascontiguousarray(want,
                    dtype=want.dtype.newbyteorder('<')).view(np.uint8)):
                sys.exit(name + ': the saved array is not the data')
        for name, a, b, bound in [('product', 'a', 'b', 1e-13), ('product32', 'a32', 'b32', 1e-5)]:
            A = np.load(a + '.npy').astype(np.float64); B = np.load(b + '.npy').astype(np.float64)
            C = np.load(out + name + '.npy')
            if C.shape != (A.shape[0], B.shape[1]): sys.exit(f'{name}: saved shape {C.shape}')
            err = np.linalg.norm(C - A @ B) / np.linalg.norm(np.abs(A) @ np.abs(B))
            if not err <= bound: sys.exit(f'{name}: relative Frobenius error {err:.2e} > {bound}')
        if np.load(out + 'infer.npy').shape != (64, 4): sys.exit('mlp-forward output shape')
        net = np.load('net.npz'); x = np.load('batch.npy').astype(np.float64)
        h = np.maximum(x @ net['w0'].astype(np.float64) + net['b0'], 0) @ net['w1'].astype(np.float64) + net['b1']
        got = np.load(out + 'trained.npy').astype(np.float64)
        err = np.abs(got - h).max() / np.abs(h).max()
        if not err <= 1e-5: sys.exit(f'mlp-forward with numpy weights: relative error {err:.2e}')
        print('numpy agrees')
        """;

    @Test
    void lanesAgreesWithNumpyOnNumpysData() throws Exception {
        Result write = python(WRITE);
        assertThat(write.exit()).as(write.output()).isZero();
        Path spec = Files.writeString(dir.resolve("spec.yaml"), SPEC);
        CliRun run = CliRun.of("run", spec.toString(), "--save-dir", dir.resolve("out").toString(), "--cache-dir",
            dir.resolve("cache").toString(), "--format", "json");
        assertThat(run.exit()).as(run.err()).isZero();
        Result check = python(CHECK);
        assertThat(check.output().strip()).as("numpy's check").isEqualTo("numpy agrees");
        assertThat(run.out()).contains("\"sha256\"", "x_f8.npy");
    }

    /** Two SGD steps on numpy's batch, labels and weights: lanes' parameters against numpy's own steps. */
    @Test
    void trainingStepsAgreeWithNumpysOnTheSameDataAndWeights() throws Exception {
        Result write = python("""
            import numpy as np
            rng = np.random.default_rng(20)
            widths = [20, 16, 4]
            x = rng.random((96, 20)); labels = rng.integers(0, 4, 96)
            net = {}
            for l in range(2):
                net[f'w{l}'] = rng.uniform(-0.5, 0.5, (widths[l], widths[l + 1])); net[f'b{l}'] = rng.uniform(-0.1, 0.1, widths[l + 1])
            np.save('tx.npy', x); np.save('tlabels.npy', labels); np.savez('tnet.npz', **net)
            np.save('tbad.npy', np.where(np.arange(96) == 7, 4, labels))
            w = [net['w0'].copy(), net['w1'].copy()]; b = [net['b0'].copy(), net['b1'].copy()]
            onehot = np.eye(4)[labels]
            for step in range(2):
                h1 = np.maximum(x @ w[0] + b[0], 0); z = h1 @ w[1] + b[1]
                e = np.exp(z - z.max(axis=1, keepdims=True)); dz = (e / e.sum(axis=1, keepdims=True) - onehot) / 96
                dw1 = h1.T @ dz; db1 = dz.sum(0); dz0 = (dz @ w[1].T) * (h1 > 0)
                w[1] -= 0.1 * dw1; b[1] -= 0.1 * db1; w[0] -= 0.1 * (x.T @ dz0); b[0] -= 0.1 * dz0.sum(0)
            np.save('twant.npy', np.concatenate([w[0].ravel(), b[0], w[1].ravel(), b[1]]))
            """);
        assertThat(write.exit()).as(write.output()).isZero();
        String spec = """
            settings: { warmup: 1, iterations: 3, min-warmup-ms: 0, threads: [1, 2] }
            stages:
              - { id: x, kernel: load, params: { file: tx.npy } }
              - { id: labels, kernel: load, params: { file: %s } }
              - { id: train, kernel: mlp-train, params: { layers: [20, 16, 4], steps: 2, learning-rate: 0.1, weights: tnet.npz }, inputs: [x, labels] }
            """;
        CliRun run = CliRun.of("run", Files.writeString(dir.resolve("train.yaml"), spec.formatted("tlabels.npy")).toString(),
            "--save-dir", dir.resolve("tout").toString(), "--cache-dir", dir.resolve("cache").toString());
        assertThat(run.exit()).as(run.err()).isZero();
        Result check = python("""
            import numpy as np, sys
            got = np.load('tout/train.npy'); want = np.load('twant.npy')
            if got.shape != want.shape: sys.exit(f'shape {got.shape} vs {want.shape}')
            err = np.abs(got - want).max() / np.abs(want).max()
            moved = np.abs(want - np.concatenate([np.load('tnet.npz')[k].ravel() for k in ['w0', 'b0', 'w1', 'b1']])).max()
            if not err <= 1e-13 or not moved > 1e-4: sys.exit(f'relative error {err:.2e}, moved {moved:.2e}')
            print('numpy agrees')
            """);
        assertThat(check.output().strip()).as("numpy's check").isEqualTo("numpy agrees");

        // a label out of range fails its stage alone: what depends on it is cancelled, the rest runs and is written
        Path badSpec = Files.writeString(dir.resolve("bad-train.yaml"), spec.formatted("tbad.npy") + """
              - { id: after-train, kernel: sum-of-squares, inputs: [x], after: [train] }
              - { id: independent, kernel: sum-of-squares, inputs: [x] }
            """);
        Path result = dir.resolve("bad-train.json");
        CliRun bad = CliRun.of("run", badSpec.toString(), "--cache-dir", dir.resolve("cache").toString(), "-o", result.toString());
        assertThat(bad.exit()).as(bad.err()).isEqualTo(3);
        assertThat(bad.err()).contains("stage 'train': label 4 at row 7 is not one of the 4 classes (0 to 3)",
            "cancelled the stages that depend on it: after-train");
        String saved = Files.readString(result);
        assertThat(saved).contains("\"complete\" : false", "\"cancelled\" : [ \"after-train\" ]")
            .contains("\"stage\" : \"independent\"").doesNotContain("\"stage\" : \"after-train\"");
    }

    @Test
    void badDataFilesStopTheRunBeforeAnythingIsMeasured() throws Exception {
        Result write = python("""
            import numpy as np
            np.save('objects.npy', np.array([1, 'a', None], dtype=object), allow_pickle=True)
            np.save('complex.npy', np.zeros(4, dtype=np.complex128))
            np.save('rec.npy', np.zeros(3, dtype=[('a', '<f8'), ('b', '<i4')]))
            np.save('good.npy', np.arange(10.0))
            data = open('good.npy', 'rb').read()
            open('truncated.npy', 'wb').write(data[:-8])
            open('lying.npy', 'wb').write(data.replace(b"(10,)", b"(12,)"))
            open('bad.csv', 'w').write('1,2\\n3,x\\n')
            open('ragged.csv', 'w').write('1,2\\n3\\n')
            open('empty.npy', 'wb').write(b'')
            np.savez('half.npz', w0=np.zeros((3, 2), dtype=np.float32), b0=np.zeros(2, dtype=np.float32))
            np.savez('wide.npz', w0=np.zeros((3, 5), dtype=np.float32), b0=np.zeros(2, dtype=np.float32),
                     w1=np.zeros((2, 1), dtype=np.float32), b1=np.zeros(1, dtype=np.float32))
            """);
        assertThat(write.exit()).as(write.output()).isZero();
        Files.createDirectories(dir.resolve("folder.npy"));
        for (var c : List.of(
            new String[] {"objects.npy", "Python objects (a pickled array, which lanes never unpickles)"},
            new String[] {"complex.npy", "complex numbers"},
            new String[] {"rec.npy", "a structured dtype"},
            new String[] {"truncated.npy", "truncated: shape (10,) of <f8 needs 80 bytes of data, the file holds 72"},
            new String[] {"lying.npy", "truncated: shape (12,) of <f8 needs 96 bytes of data, the file holds 80"},
            new String[] {"bad.csv", "line 2, column 2: 'x' is not a number"},
            new String[] {"ragged.csv", "line 2 has 1 cells but line 1 has 2"},
            new String[] {"empty.npy", "is empty, not a .npy file"},
            new String[] {"missing.npy", "no such file"},
            new String[] {"folder.npy", "is a directory, not a data file"})) {
            Path spec = Files.writeString(dir.resolve("bad.yaml"), """
                stages:
                  - { id: d, kernel: load, params: { file: %s } }
                  - { id: s, kernel: sum-of-squares, inputs: [d] }
                """.formatted(c[0]));
            CliRun run = CliRun.of("run", spec.toString(), "--cache-dir", dir.resolve("cache").toString());
            assertThat(run.exit()).as(c[0] + ": " + run.err()).isEqualTo(2);
            assertThat(run.err().lines().filter(l -> l.startsWith("lanes: " + spec))).as(c[0]).singleElement().asString()
                .contains("stage 'd': file: " + dir.resolve(c[0]) + ": ").contains(c[1]);
            assertThat(run.err()).doesNotContain("[1/").doesNotContain("planning with");
        }
        for (var c : List.of(new String[] {"half.npz", "no array 'w1'"},
            new String[] {"wide.npz", "w0 has shape [3, 5], the layers need [3, 2]"},
            new String[] {"good.npy", "not an .npz archive"})) {
            Path spec = Files.writeString(dir.resolve("net.yaml"), """
                stages:
                  - { id: net, kernel: mlp-forward, params: { batch: 4, layers: [3, 2, 1], weights: %s } }
                """.formatted(c[0]));
            CliRun run = CliRun.of("run", spec.toString(), "--cache-dir", dir.resolve("cache").toString());
            assertThat(run.exit()).as(c[0] + ": " + run.err()).isEqualTo(2);
            assertThat(run.err()).contains("stage 'net': weights: " + dir.resolve(c[0]) + ": ").contains(c[1]);
        }
    }
}
