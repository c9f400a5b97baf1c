package dev.lanes.core.exec;

import java.io.Serializable;
import java.util.List;

/**
 * Which stage at which sweep point a member is to run blocks of: the spec itself (its text
 * and where it lives, so relative data paths resolve the same), the overrides and
 * {@code --quick} it was loaded with, the stage's id and the point's index. This is what
 * travels instead of arrays: every input is a function of the spec, which each member
 * evaluates itself.
 *
 * @param specFile absolute, so the data files a spec names resolve alike on every member that sees them
 * @param digest   the spec's digest, which a member checks against the text it parsed
 */
public record StageAddress(String specFile, String specText, String digest, List<String> overrides, boolean quick,
                           String stage, int point) implements Serializable {

    public StageAddress {
        overrides = List.copyOf(overrides);
    }

    /** Identifies the bound stage a member may keep between requests. */
    public String key() {
        return digest + " " + stage + "@" + point + (quick ? " quick" : "");
    }
}
