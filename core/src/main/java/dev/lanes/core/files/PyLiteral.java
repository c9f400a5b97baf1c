package dev.lanes.core.files;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Python literals a {@code .npy} header holds, and nothing more: a dict of string keys to
 * strings, True/False/None, integers, and tuples or lists of them. A recursive-descent parser
 * of that grammar; anything else is refused, and nothing is ever evaluated.
 */
final class PyLiteral {
    private final String text;
    private int at;

    private PyLiteral(String text) {
        this.text = text;
    }

    /** A parsed dict, with the error a missing key deserves. */
    record Dict(Map<String, Object> entries, String text) {
        Object required(String key) {
            if (!entries.containsKey(key)) {
                throw new DataFileException("header: no '" + key + "' in " + text);
            }
            return entries.get(key);
        }
    }

    static Dict dict(String text) {
        PyLiteral p = new PyLiteral(text);
        Object value = p.value();
        p.skipSpace();
        if (p.at != text.length() || !(value instanceof Map<?, ?> map)) {
            throw new DataFileException("header: not a Python dict literal: " + text);
        }
        Map<String, Object> entries = new LinkedHashMap<>();
        map.forEach((k, v) -> entries.put((String) k, v));
        return new Dict(entries, text);
    }

    private Object value() {
        skipSpace();
        if (at >= text.length()) {
            throw malformed();
        }
        char c = text.charAt(at);
        return switch (c) {
            case '{' -> mapping();
            case '(', '[' -> sequence(c == '(' ? ')' : ']');
            case '\'', '"' -> string(c);
            default -> c == '-' || Character.isDigit(c) ? integer() : word();
        };
    }

    private Map<Object, Object> mapping() {
        at++;
        Map<Object, Object> map = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            if (peek('}')) {
                at++;
                return map;
            }
            Object key = value();
            if (!(key instanceof String)) {
                throw malformed();
            }
            skipSpace();
            expect(':');
            map.put(key, value());
            skipSpace();
            if (peek(',')) {
                at++;
            } else if (!peek('}')) {
                throw malformed();
            }
        }
    }

    private List<Object> sequence(char close) {
        at++;
        List<Object> items = new ArrayList<>();
        while (true) {
            skipSpace();
            if (peek(close)) {
                at++;
                return items;
            }
            items.add(value());
            skipSpace();
            if (peek(',')) {
                at++;
            } else if (!peek(close)) {
                throw malformed();
            }
        }
    }

    private String string(char quote) {
        int end = text.indexOf(quote, at + 1);
        if (end < 0) {
            throw malformed();
        }
        String s = text.substring(at + 1, end);
        at = end + 1;
        return s;
    }

    private Long integer() {
        int start = at;
        if (peek('-')) {
            at++;
        }
        while (at < text.length() && Character.isDigit(text.charAt(at))) {
            at++;
        }
        if (at < text.length() && text.charAt(at) == 'L') {
            at++;                                             // Python 2 wrote long sizes as 3L
            return Long.parseLong(text.substring(start, at - 1));
        }
        try {
            return Long.parseLong(text.substring(start, at));
        } catch (NumberFormatException e) {
            throw malformed();
        }
    }

    private Object word() {
        for (String w : List.of("True", "False", "None")) {
            if (text.startsWith(w, at)) {
                at += w.length();
                return w.equals("None") ? "None" : Boolean.valueOf(w.equals("True"));
            }
        }
        throw malformed();
    }

    private boolean peek(char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw malformed();
        }
        at++;
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private DataFileException malformed() {
        return new DataFileException("header: not a Python dict literal (at character " + (at + 1) + "): " + text);
    }
}
