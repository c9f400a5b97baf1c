package dev.lanes.core.report;

import dev.lanes.core.UsageException;
import dev.lanes.core.result.ResultFixtures;
import dev.lanes.core.result.ResultJson;
import dev.lanes.core.result.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultOutputsTest {
    @TempDir
    Path dir;

    private final StringWriter stdout = new StringWriter();

    private ResultOutputs outputs(Format format, boolean given, String... files) {
        return ResultOutputs.of(List.of(files), format, given, new PrintWriter(stdout, true));
    }

    private static RunResult incomplete() {
        RunResult r = ResultFixtures.sweep();
        return new RunResult(r.schema(), false, r.lanesVersion(), r.startedAt(), r.machine(), r.calibration(), r.spec(),
            r.points().subList(0, 3), List.of());
    }

    @Test
    void eachFileGetsTheFormatItsExtensionNamesAndStdoutTheFormatFlag() throws Exception {
        String json = dir.resolve("r.json").toString();
        String csv = dir.resolve("r.csv").toString();
        String md = dir.resolve("summary.md").toString();
        ResultOutputs o = outputs(Format.CSV, true, json, csv, md, "-");
        assertThat(o.targets()).extracting(ResultOutputs.Target::format)
            .containsExactly(Format.JSON, Format.CSV, Format.MARKDOWN, Format.CSV);
        List<RunResult> results = List.of(ResultFixtures.sweep());
        o.finish(results);
        assertThat(ResultJson.read(Path.of(json))).isEqualTo(results);
        assertThat(Files.readString(Path.of(csv))).isEqualTo(new CsvFormat().render(results));
        assertThat(Files.readString(Path.of(md))).isEqualTo(new MarkdownFormat().render(results));
        assertThat(stdout.toString()).isEqualTo(new CsvFormat().render(results));
    }

    @Test
    void withoutAFileStdoutGetsTheResultsAndWithFilesOnlyWhenNamed() {
        outputs(Format.TABLE, false).finish(List.of(ResultFixtures.sweep()));
        assertThat(stdout.toString()).startsWith("lanes 0.1.0 · fixture");
        stdout.getBuffer().setLength(0);
        outputs(Format.TABLE, false, dir.resolve("r.json").toString()).finish(List.of(ResultFixtures.sweep()));
        assertThat(stdout.toString()).isEmpty();
    }

    @Test
    void badTargetsAreRefusedAtOnce() {
        assertThatThrownBy(() -> outputs(Format.TABLE, false, dir.resolve("r.dat").toString()))
            .isInstanceOf(UsageException.class).hasMessageContaining("cannot tell the format from its name");
        assertThat(outputs(Format.JSON, true, dir.resolve("r.dat").toString()).targets().get(0).format()).isEqualTo(Format.JSON);
        assertThatThrownBy(() -> outputs(Format.TABLE, false, dir.resolve("a.json").toString(), dir.resolve("a.json").toString()))
            .hasMessageContaining("named twice");
        assertThatThrownBy(() -> outputs(Format.TABLE, false, "-", "-")).hasMessageContaining("stdout is named twice");
        assertThatThrownBy(() -> outputs(Format.TABLE, false, dir.resolve("no/r.json").toString()))
            .hasMessageContaining("does not exist");
    }

    @Test
    void partialResultsAreKeptMarkedIncompleteAndNothingIsWrittenAfter() throws Exception {
        Path json = dir.resolve("r.json");
        ResultOutputs o = outputs(Format.TABLE, false, json.toString());
        assertThat(o.keepPartial()).isNull();                     // nothing had finished: nothing written
        assertThat(json).doesNotExist();
        ResultOutputs p = outputs(Format.TABLE, false, json.toString());
        p.update(() -> List.of(incomplete()));
        RunResult saved = ResultJson.read(json).get(0);
        assertThat(saved.complete()).isFalse();
        assertThat(saved.points()).hasSize(3);
        assertThat(p.keepPartial()).isEqualTo("kept 2 finished stage points in " + json + " (marked incomplete)");
        p.finish(List.of(ResultFixtures.sweep()));                 // closed: the partial file stays
        assertThat(ResultJson.read(json).get(0).complete()).isFalse();
    }
}
