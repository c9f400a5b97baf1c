package dev.lanes.core.files;

import dev.lanes.core.data.ElementType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CsvTableTest {
    @TempDir
    Path dir;

    private Path csv(String text) throws IOException {
        return Files.writeString(dir.resolve("d.csv"), text);
    }

    @Test
    void aColumnOrAMatrixWithTheHeaderDetected() throws IOException {
        CsvTable column = CsvTable.read(csv("x\n1.5\n-2\nnan\n"), ElementType.F64, CsvTable.Header.AUTO);
        assertThat(column.shape()).containsExactly(3L);
        assertThat((double[]) column.values()).containsExactly(1.5, -2, Double.NaN);
        CsvTable matrix = CsvTable.read(csv("1, 2, 3\n4, 5, 6\n"), ElementType.I64, CsvTable.Header.AUTO);
        assertThat(matrix.shape()).containsExactly(2L, 3L);
        assertThat((long[]) matrix.values()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(CsvTable.read(csv("1\n2\n"), ElementType.F32, CsvTable.Header.YES).rows()).isEqualTo(1);
    }

    private String refusal(String text, ElementType type, CsvTable.Header header) throws IOException {
        Path p = csv(text);
        DataFileException e = catchThrowableOfType(DataFileException.class, () -> CsvTable.read(p, type, header));
        assertThat(e).as(text).isNotNull();
        return e.getMessage();
    }

    @Test
    void badCellsAndRaggedRowsAreRefusedWithTheirPlace() throws IOException {
        assertThat(refusal("1,2\n3,abc\n", ElementType.F64, CsvTable.Header.AUTO))
            .isEqualTo("line 2, column 2: 'abc' is not a number");
        assertThat(refusal("1\n2.5\n", ElementType.I64, CsvTable.Header.NO)).isEqualTo("line 2, column 1: '2.5' is not an integer");
        assertThat(refusal("1,2,3\n4,5\n", ElementType.F64, CsvTable.Header.AUTO))
            .isEqualTo("line 2 has 2 cells but line 1 has 3: every row needs as many");
        assertThat(refusal("", ElementType.F64, CsvTable.Header.AUTO)).isEqualTo("is empty: no rows");
        assertThat(refusal("a,b\n", ElementType.F64, CsvTable.Header.AUTO)).isEqualTo("holds a header row but no data");
        assertThat(refusal("1d\n", ElementType.F64, CsvTable.Header.NO)).contains("'1d' is not a number");
    }
}
