package dev.lanes.core.store;

import dev.lanes.core.plan.Wisdom;

import java.nio.file.Path;
import java.util.function.Consumer;

/** The wisdom file of one machine, beside its calibration; unreadable or foreign files are ignored with a warning. */
public final class WisdomStore {
    private final CacheFile<Wisdom> file;
    private final String fingerprint;

    public WisdomStore(Path dir, String fingerprint, Consumer<String> warnings) {
        this.fingerprint = fingerprint;
        this.file = new CacheFile<>(dir.resolve("wisdom-" + fingerprint + ".json"), Wisdom.class, Wisdom.SCHEMA, "wisdom file", warnings);
    }

    public Path path() {
        return file.path();
    }

    /** The stored wisdom, or none when there is none, it is unreadable, or it is another machine's. */
    public Wisdom load() {
        return file.read().filter(w -> fingerprint.equals(w.fingerprint())).orElseGet(() -> Wisdom.empty(fingerprint));
    }

    public void save(Wisdom wisdom) {
        file.write(wisdom);
    }

    public void forget() {
        file.delete();
    }
}
