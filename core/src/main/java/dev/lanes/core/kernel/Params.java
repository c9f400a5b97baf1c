package dev.lanes.core.kernel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A stage's validated parameter values, defaults filled in, typed by the kernel's {@link ParamSpec}s. */
public record Params(Map<String, Object> values) {

    public Params {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public long size(String name) {
        return (Long) get(name);
    }

    public long integer(String name) {
        return (Long) get(name);
    }

    public double real(String name) {
        return (Double) get(name);
    }

    @SuppressWarnings("unchecked")
    public java.util.List<Long> sizes(String name) {
        return (java.util.List<Long>) get(name);
    }

    public String choice(String name) {
        return (String) get(name);
    }

    /** A text value, e.g. a file path (absolute once the loader has resolved it). */
    public String text(String name) {
        return (String) get(name);
    }

    @SuppressWarnings("unchecked")
    public java.util.List<String> words(String name) {
        return (java.util.List<String>) get(name);
    }

    public boolean flag(String name) {
        return (Boolean) get(name);
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> textMap(String name) {
        return (Map<String, String>) get(name);
    }

    /** A duration's nanoseconds. */
    public long nanos(String name) {
        return (Long) get(name);
    }

    /** Whether an optional parameter without a default was given. */
    public boolean has(String name) {
        return values.get(name) != null;
    }

    /** A copy with one value replaced (sweeps, --quick). */
    public Params with(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return new Params(copy);
    }

    private Object get(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalStateException("no parameter '" + name + "'");
        }
        return value;
    }
}
