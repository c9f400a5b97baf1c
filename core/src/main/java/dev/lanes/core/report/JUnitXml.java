package dev.lanes.core.report;

import dev.lanes.core.gate.Comparison;
import dev.lanes.core.gate.NotCompared;
import dev.lanes.core.gate.PointComparison;
import dev.lanes.core.gate.Verdict;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A comparison as JUnit XML, the report GitHub, GitLab and Jenkins read: one
 * {@code testsuite} per spec, one {@code testcase} per stage point (classname
 * {@code lanes.SPEC.STAGE}, name the point and implementation, unique together), a
 * {@code failure} for a point that fails the gate with the change, its interval, the
 * threshold and p in its message, a {@code skipped} for a point not compared, and the
 * figures in {@code system-out}. Written with the JDK's StAX writer.
 */
public final class JUnitXml {
    private JUnitXml() {
    }

    public static String render(Comparison c) {
        Map<String, List<Object>> bySpec = new LinkedHashMap<>();
        c.points().forEach(p -> bySpec.computeIfAbsent(p.spec(), s -> new java.util.ArrayList<>()).add(p));
        c.notCompared().forEach(n -> bySpec.computeIfAbsent(n.spec(), s -> new java.util.ArrayList<>()).add(n));
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "lanes performance gate");
            xml.writeAttribute("tests", Integer.toString(c.points().size() + c.notCompared().size()));
            xml.writeAttribute("failures", Long.toString(c.points().stream().filter(p -> fails(p, c)).count()));
            for (Map.Entry<String, List<Object>> suite : bySpec.entrySet()) {
                suite(xml, c, suite.getKey(), suite.getValue());
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("an XML writer over a string does not fail", e);
        }
        return text + "\n";
    }

    private static void suite(XMLStreamWriter xml, Comparison c, String spec, List<Object> cases) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", spec);
        xml.writeAttribute("tests", Integer.toString(cases.size()));
        xml.writeAttribute("failures", Long.toString(cases.stream()
            .filter(o -> o instanceof PointComparison p && fails(p, c)).count()));
        xml.writeAttribute("skipped", Long.toString(cases.stream().filter(NotCompared.class::isInstance).count()));
        xml.writeAttribute("errors", "0");
        for (Object o : cases) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("testcase");
            if (o instanceof PointComparison p) {
                xml.writeAttribute("classname", "lanes." + spec + "." + p.key().stage());
                xml.writeAttribute("name", name(p.key()));
                xml.writeAttribute("time", String.format(java.util.Locale.ROOT, "%.6f", p.newMedianNanos() / 1e9));
                if (fails(p, c)) {
                    xml.writeStartElement("failure");
                    xml.writeAttribute("message", p.verdict().label() + ": " + ComparisonCells.reason(p));
                    xml.writeAttribute("type", p.verdict().label());
                    xml.writeCharacters(figures(p));
                    xml.writeEndElement();
                }
                xml.writeStartElement("system-out");
                xml.writeCharacters(figures(p));
                xml.writeEndElement();
            } else {
                NotCompared n = (NotCompared) o;
                xml.writeAttribute("classname", "lanes." + spec + "." + n.key().stage());
                xml.writeAttribute("name", name(n.key()));
                xml.writeEmptyElement("skipped");
                xml.writeAttribute("message", "not compared: " + n.reason());
            }
            xml.writeEndElement();
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    /** "threads(simd) x2" or "threads(simd) x2 [data.length=1M]": unique within a stage. */
    private static String name(dev.lanes.core.result.PointKey k) {
        return k.labelWithThreads() + (k.point().isEmpty() ? "" : " [" + Cells.point(k.point()) + "]");
    }

    private static boolean fails(PointComparison p, Comparison c) {
        return p.verdict() == Verdict.REGRESSED || p.verdict() == Verdict.NOISY && c.options().failOnNoisy()
            || p.verdict() == Verdict.INCONCLUSIVE && c.options().failOnInconclusive();
    }

    private static String figures(PointComparison p) {
        return "verdict " + p.verdict().label() + "\nold median " + Units.duration(p.oldMedianNanos()) + " (" + p.oldUnits()
            + " samples or forks), new median " + Units.duration(p.newMedianNanos()) + " (" + p.newUnits() + ")\nchange "
            + ComparisonCells.change(p) + ", threshold " + dev.lanes.core.text.Percent.format(p.threshold()) + "\n"
            + ComparisonCells.p(p.pValue()) + " (Mann–Whitney U), " + ComparisonCells.probability("q", p.pAdjusted())
            + " (Benjamini–Hochberg)\nvariation: " + p.variation() + "\n";
    }
}
