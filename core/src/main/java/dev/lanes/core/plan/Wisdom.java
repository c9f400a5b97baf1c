package dev.lanes.core.plan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decisions measured on this machine, as FFTW keeps wisdom: per stage shape and size
 * bucket, the candidate that won short trials on real data, with every trial's median.
 */
public record Wisdom(String schema, String fingerprint, Map<String, Entry> entries) {
    public static final String SCHEMA = "lanes.wisdom/1";

    public Wisdom {
        entries = Map.copyOf(entries);
    }

    /** @param trialMedianNanos median time of each candidate tried, by label */
    public record Entry(Estimate chosen, Map<String, Double> trialMedianNanos, String measuredAt) {
        public Entry {
            trialMedianNanos = Map.copyOf(trialMedianNanos);
        }

        /**
         * The rule that decided, in words: "the fastest", or, where a simpler candidate won,
         * "within 10% of the fastest (threads(simd) x2, 6417 µs) with fewer resources".
         */
        public String rule() {
            Map.Entry<String, Double> fastest = trialMedianNanos.entrySet().stream()
                .min(Map.Entry.comparingByValue()).orElseThrow();
            if (fastest.getKey().equals(chosen.label())) {
                return "the fastest";
            }
            return "within " + Planner.MARGIN_PERCENT + "% of the fastest (" + fastest.getKey() + ", "
                + Math.round(fastest.getValue() / 1e3) + " µs) with fewer resources";
        }
    }

    public static Wisdom empty(String fingerprint) {
        return new Wisdom(SCHEMA, fingerprint, Map.of());
    }

    /** kernel, element type and the power-of-two bucket of the element count: "sum-of-squares/f64/2^20". */
    public static String key(String kernel, dev.lanes.core.data.ElementType type, long elements) {
        return kernel + "/" + type.label() + "/2^" + (63 - Long.numberOfLeadingZeros(Math.max(1, elements)));
    }

    public Wisdom with(String key, Entry entry) {
        Map<String, Entry> copy = new LinkedHashMap<>(entries);
        copy.put(key, entry);
        return new Wisdom(schema, fingerprint, copy);
    }
}
