package dev.lanes.core.text;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Element counts as people write them: {@code 1000}, {@code 10_000_000}, {@code 1e6},
 * {@code 2.5M}, {@code 64Ki}. Decimal suffixes k, M, G, T are powers of 1000; binary
 * suffixes Ki, Mi, Gi, Ti are powers of 1024. The result must be a whole number.
 */
public final class SizeLiteral {
    private SizeLiteral() {
    }

    /**
     * Parses a size literal.
     *
     * @throws IllegalArgumentException with a message fit to print when it is not one
     */
    public static long parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("expected a size such as 1000, 1M, 64Ki or 1e6, got an empty value");
        }
        if (s.contains("_")) {
            if (!s.matches("[+-]?[0-9]+(_+[0-9]+)*")) {
                throw invalid(text);
            }
            s = s.replace("_", "");
        }
        long multiplier = 1;
        String number = s;
        String[][] suffixes = {
            {"Ki", "1024"}, {"Mi", "1048576"}, {"Gi", "1073741824"}, {"Ti", "1099511627776"},
            {"k", "1000"}, {"K", "1000"}, {"M", "1000000"}, {"G", "1000000000"}, {"T", "1000000000000"},
        };
        for (String[] suffix : suffixes) {
            if (s.endsWith(suffix[0])) {
                multiplier = Long.parseLong(suffix[1]);
                number = s.substring(0, s.length() - suffix[0].length()).strip();
                break;
            }
        }
        if (!number.matches("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
            throw invalid(text);
        }
        BigDecimal value = new BigDecimal(number).multiply(BigDecimal.valueOf(multiplier));
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            if (value.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                throw new IllegalArgumentException("size '" + text + "' is too large");
            }
            throw new IllegalArgumentException("size '" + text + "' is not a whole number of elements");
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException(
            "expected a size such as 1000, 10_000_000, 1e6, 1M or 64Ki, got '" + text + "'");
    }

    /**
     * A count as people read it: digits below 100 000 (1024, not 1Ki), the short form above
     * (1M, 64Mi). Every report and message uses it, so the same point reads the same everywhere.
     */
    public static String readable(long n) {
        return Math.abs(n) < 100_000 ? Long.toString(n) : format(n);
    }

    /** A short form for reports: 1000000 → "1M", 65536 → "64Ki", 1234 → "1234". */
    public static String format(long n) {
        String[] binary = {"Ti", "Gi", "Mi", "Ki"};
        long[] binaryValues = {1L << 40, 1L << 30, 1L << 20, 1L << 10};
        String[] decimal = {"T", "G", "M", "k"};
        long[] decimalValues = {1_000_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
        for (int i = 0; i < decimal.length; i++) {
            if (n != 0 && n % decimalValues[i] == 0) {
                return n / decimalValues[i] + decimal[i];
            }
        }
        for (int i = 0; i < binary.length; i++) {
            if (n != 0 && n % binaryValues[i] == 0) {
                return n / binaryValues[i] + binary[i];
            }
        }
        return String.format(Locale.ROOT, "%d", n);
    }
}
