package dev.lanes.core.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The HTML report's page: one self-contained file that opens from disk with no network.
 * uPlot (from its WebJar) and the report's own script and style are inlined; the data the
 * charts draw is embedded as JSON; a Content-Security-Policy forbids every fetch, so not
 * even a stray reference could reach the network.
 */
final class HtmlPage {
    private static final String WEBJAR = "META-INF/resources/webjars/uplot/";
    private static final String CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
        + "img-src data:; base-uri 'none'; form-action 'none'";

    /** Loaded once: the assets are the same for every page. */
    private record Assets(String uplotVersion, String uplotScript, String uplotStyle, String uplotLicense,
                          String reportScript, String reportStyle) {
        private static final Assets INSTANCE = load();

        private static Assets load() {
            Properties pom = new Properties();
            try (InputStream in = resource("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
                pom.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String version = pom.getProperty("version");
            String dir = WEBJAR + version + "/";
            return new Assets(version, withoutBanner(text(dir + "dist/uPlot.iife.min.js")), text(dir + "dist/uPlot.min.css"),
                text(dir + "LICENSE"), text("dev/lanes/core/report/report.js"), text("dev/lanes/core/report/report.css"));
        }

        private static InputStream resource(String path) {
            InputStream in = HtmlPage.class.getClassLoader().getResourceAsStream(path);
            if (in == null) {
                throw new IllegalStateException("the HTML report's asset " + path + " is missing from the class path");
            }
            return in;
        }

        private static String text(String path) {
            try (InputStream in = resource(path)) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (text.contains("</script") || text.contains("</style")) {
                    throw new IllegalStateException(path + " would end the element it is inlined into");
                }
                return text;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The minified file opens with a comment naming its project's web address; the licence below names it instead. */
        private static String withoutBanner(String script) {
            return script.startsWith("/*!") ? script.substring(script.indexOf("*/") + 2).stripLeading() : script;
        }
    }

    private HtmlPage() {
    }

    /** The page: {@code body} is HTML; {@code data} is what the script draws into the page's figures. */
    static String render(String title, String body, ReportData data) {
        Assets a = Assets.INSTANCE;
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + CSP + "\">\n"
            + "<title>" + Html.escape(title) + "</title>\n"
            + "<style>\n" + a.uplotStyle() + "\n" + a.reportStyle() + "</style>\n</head>\n<body>\n"
            + body
            + "<script type=\"application/json\" id=\"lanes-data\">" + data.scriptText() + "</script>\n"
            + "<script>\n/*! uPlot " + a.uplotVersion() + ", inlined from its WebJar.\n" + a.uplotLicense().strip()
            + "\n*/\n" + a.uplotScript() + "\n</script>\n"
            + "<script>\n" + a.reportScript() + "</script>\n</body>\n</html>\n";
    }
}
