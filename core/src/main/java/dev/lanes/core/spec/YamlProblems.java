package dev.lanes.core.spec;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.util.Optional;

/**
 * A YAML syntax error as a newcomer needs it: at the place of the problem itself (SnakeYAML
 * reports the start of the construct it was reading, often the line before), in words that
 * say what to change for the errors people make most (a tab, a colon without a space).
 */
final class YamlProblems {
    private YamlProblems() {
    }

    /** The place and the message, when the parser's exception says where the problem is. */
    record Problem(int line, int column, String message) {
    }

    static Optional<Problem> of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException m && m.getProblemMark() != null && m.getProblem() != null) {
                Mark at = m.getProblemMark();
                return Optional.of(new Problem(at.getLine() + 1, at.getColumn() + 1, explain(m.getProblem())));
            }
        }
        return Optional.empty();
    }

    static String explain(String problem) {
        if (problem.contains("\\t") || problem.contains("TAB")) {
            return "a tab: tabs are not allowed for indentation in YAML; indent with spaces";
        }
        if (problem.startsWith("mapping values are not allowed here")) {
            return "mapping values are not allowed here: a ':' in the middle of a value; check the indentation of this "
                + "line, put a space after the colon of each key (key: value), or quote a value that holds ': '";
        }
        if (problem.startsWith("could not find expected ':'")) {
            return "expected 'key: value' here: a key needs a colon and a space after it (e.g. 'kernel: generate', not "
                + "'kernel:generate'), and a list item a '- ' in front";
        }
        return problem;
    }
}
