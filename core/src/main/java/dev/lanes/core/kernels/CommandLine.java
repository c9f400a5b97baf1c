package dev.lanes.core.kernels;

import java.util.List;
import java.util.Map;

/**
 * A command as an {@code exec} stage gives it: an argument list run as it is, or one string,
 * split on spaces or handed whole to {@code sh -c} when the stage says {@code shell: true};
 * with its placeholders ({@code {task}}, {@code {tasks}}, {@code {threads}}, {@code {tmp}})
 * replaced in every word. Other braces are left alone: a shell command may hold {@code awk
 * '{print $1}'}.
 */
record CommandLine(List<String> words, boolean shell) {

    CommandLine {
        words = List.copyOf(words);
    }

    /** The process to start, placeholders replaced. */
    List<String> argv(Map<String, String> values) {
        List<String> expanded = words.stream().map(w -> expand(w, values)).toList();
        if (shell) {
            return List.of("sh", "-c", String.join(" ", expanded));
        }
        if (expanded.size() == 1) {
            return List.of(expanded.get(0).strip().split("\\s+"));
        }
        return expanded;
    }

    /** The command in words for errors: the program and its arguments as given. */
    String describe() {
        return String.join(" ", words);
    }

    static String expand(String word, Map<String, String> values) {
        String out = word;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("{" + e.getKey() + "}", e.getValue());
        }
        return out;
    }
}
