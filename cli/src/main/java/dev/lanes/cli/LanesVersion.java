package dev.lanes.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version Maven stamped into the jar, for {@code --version} and result files. */
public final class LanesVersion implements CommandLine.IVersionProvider {

    public static String current() {
        try (InputStream in = LanesVersion.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"lanes " + current(), "Java " + System.getProperty("java.version") + " ("
            + System.getProperty("java.vm.name") + ", " + System.getProperty("java.vm.info") + ")"};
    }
}
