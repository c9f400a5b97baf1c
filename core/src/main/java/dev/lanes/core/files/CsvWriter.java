package dev.lanes.core.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.lanes.core.data.F32Array;
import dev.lanes.core.data.F64Array;
import dev.lanes.core.data.I64Array;
import dev.lanes.core.data.Scalar;
import dev.lanes.core.data.Value;
import dev.lanes.core.io.AtomicFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small output as CSV: one value per row, no header (so {@code numpy.loadtxt} reads it as
 * it is), through jackson-dataformat-csv; numbers in the shortest form that reads back exactly.
 */
public final class CsvWriter {
    private static final CsvMapper MAPPER = new CsvMapper();

    private CsvWriter() {
    }

    public static void write(Path file, Value value) {
        List<List<Object>> rows = new ArrayList<>();
        switch (value) {
            case Scalar s -> rows.add(List.of(s.value()));
            case F64Array a -> {
                for (double v : a.data()) {
                    rows.add(List.of(v));
                }
            }
            case F32Array a -> {
                for (float v : a.data()) {
                    rows.add(List.of(v));
                }
            }
            case I64Array a -> {
                for (long v : a.data()) {
                    rows.add(List.of(v));
                }
            }
        }
        try {
            AtomicFile.write(file, MAPPER.writer(CsvSchema.builder().addColumn("value").setUseHeader(false).build())
                .writeValueAsString(rows));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rows of numbers always serialise", e);
        }
    }
}
