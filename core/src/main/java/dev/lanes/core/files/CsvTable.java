package dev.lanes.core.files;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.lanes.core.data.ElementType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Numbers from a CSV file: one column (a 1-d array) or several (a matrix, rows in C order),
 * parsed by jackson-dataformat-csv. A header row is detected (a first row with a cell that is
 * not a number) or declared; a cell that is not a number, or a row of another width, is
 * refused with its line and column.
 *
 * @param values a double[], float[] or long[] of rows × columns, row by row
 */
public record CsvTable(int rows, int columns, ElementType type, Object values) {
    private static final CsvMapper MAPPER = new CsvMapper();

    /** Whether the first row is a header: yes, no, or auto (it is when a cell of it is not a number). */
    public enum Header { AUTO, YES, NO }

    public List<Long> shape() {
        return columns == 1 ? List.of((long) rows) : List.of((long) rows, (long) columns);
    }

    public static CsvTable read(Path file, ElementType type, Header header) {
        List<String[]> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = MAPPER.readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY)
            .with(CsvParser.Feature.TRIM_SPACES).with(CsvParser.Feature.SKIP_EMPTY_LINES).readValues(file.toFile())) {
            while (it.hasNextValue()) {
                rows.add(it.nextValue());
            }
        } catch (IOException | RuntimeException e) {
            throw new DataFileException("not readable as CSV: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (rows.isEmpty()) {
            throw new DataFileException("is empty: no rows");
        }
        boolean skipFirst = switch (header) {
            case YES -> true;
            case NO -> false;
            case AUTO -> java.util.Arrays.stream(rows.get(0)).anyMatch(cell -> !isNumber(cell));
        };
        int first = skipFirst ? 1 : 0;
        if (rows.size() == first) {
            throw new DataFileException("holds a header row but no data");
        }
        int columns = rows.get(first).length;
        int n = rows.size() - first;
        Object values = switch (type) {
            case F64 -> new double[Math.multiplyExact(n, columns)];
            case F32 -> new float[Math.multiplyExact(n, columns)];
            case I64 -> new long[Math.multiplyExact(n, columns)];
        };
        for (int r = first; r < rows.size(); r++) {
            String[] row = rows.get(r);
            if (row.length != columns) {
                throw new DataFileException("line " + (r + 1) + " has " + row.length + " cells but line " + (first + 1)
                    + " has " + columns + ": every row needs as many");
            }
            for (int c = 0; c < columns; c++) {
                put(values, type, (r - first) * columns + c, row[c], r + 1, c + 1);
            }
        }
        return new CsvTable(n, columns, type, values);
    }

    private static void put(Object values, ElementType type, int at, String cell, int line, int column) {
        try {
            switch (type) {
                case F64 -> ((double[]) values)[at] = real(cell);
                case F32 -> ((float[]) values)[at] = (float) real(cell);
                case I64 -> ((long[]) values)[at] = Long.parseLong(cell);
            }
        } catch (NumberFormatException e) {
            throw new DataFileException("line " + line + ", column " + column + ": '" + cell + "' is not "
                + (type == ElementType.I64 ? "an integer" : "a number"));
        }
    }

    /** A number as Java reads one, and NumPy's spellings of the special values (nan, inf, -inf). */
    private static double real(String cell) {
        return switch (cell.toLowerCase(Locale.ROOT)) {
            case "nan" -> Double.NaN;
            case "inf", "+inf", "infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> {
                if (cell.isEmpty() || !Character.isDigit(cell.charAt(cell.length() - 1)) && cell.charAt(cell.length() - 1) != '.') {
                    throw new NumberFormatException(cell);     // Java would read "1d" and "2f" as numbers; a CSV means no such thing
                }
                yield Double.parseDouble(cell);
            }
        };
    }

    private static boolean isNumber(String cell) {
        try {
            real(cell);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
