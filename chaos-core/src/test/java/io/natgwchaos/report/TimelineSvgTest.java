package io.natgwchaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.natgwchaos.check.CheckReport;
import io.natgwchaos.check.Interval;
import io.natgwchaos.check.Invariant;
import io.natgwchaos.check.ResourceRef;
import io.natgwchaos.check.Verdict;
import io.natgwchaos.check.Violation;
import io.natgwchaos.check.Witness;
import io.natgwchaos.gateway.GatewaySnapshot;
import io.natgwchaos.gateway.NatTable;
import io.natgwchaos.gateway.NetAddress;
import io.natgwchaos.history.ChangeType;
import io.natgwchaos.history.History;
import io.natgwchaos.history.HistoryEntry;
import io.natgwchaos.history.NatResourceState;
import io.natgwchaos.history.OperationEvent;
import io.natgwchaos.history.OperationPhase;
import io.natgwchaos.history.ResourceObserved;
import io.natgwchaos.history.RunStarted;
import io.natgwchaos.history.SnapshotTaken;
import io.natgwchaos.kubeovn.NatResourceKind;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class TimelineSvgTest {

  @Test
  void the5114PictureShowsTheEipReadyWhileItsAddressIsMissingOnTheNewPod() {
    Corpus.Run run = Corpus.run(Corpus.BUG_5114);

    String svg = TimelineSvg.render(run.history(), run.report());
    Document doc = parse(svg);
    List<String> texts = texts(doc);

    // the header says what ran and what was found
    assertThat(texts).anySatisfy(t -> assertThat(t).contains("fip-delete-during-redo").contains("twin")
        .contains("v1.13.4").contains("seed 21"));
    assertThat(texts).anySatisfy(t -> assertThat(t).contains("known issue kubeovn/kube-ovn#5114"));
    // the violated resource has its own group: readiness beside what the gateway had, plus the FIP using it
    assertThat(texts).contains("eip/eip-4", "eip/eip-4 status.ready", "eip-4 172.19.0.14 on net1",
        "fip/fip-4 status.ready", "fip-4 rules on gateway", "operations on eip-4, fip-4");
    // the violation label names invariant, interval and known issue
    assertThat(texts).anySatisfy(t -> assertThat(t).startsWith("S1 violated 2.007–6.084 s")
        .contains("known issue kubeovn/kube-ovn#5114"));
    assertThat(texts).anySatisfy(t -> assertThat(t).startsWith("S1: eip/eip-4 is ready but its address 172.19.0.14"));
    // the fault span, the pod lane with the new pod's uid, and the delete of fip-4 that set off the reset
    assertThat(titles(doc)).anySatisfy(t -> assertThat(t).startsWith("fault delete-gateway-pod (f1) 1.000s..1.450s"));
    assertThat(texts).contains("delete-gateway-pod", "gateway gw1 pod");
    assertThat(texts).anySatisfy(t -> assertThat(t).startsWith("uid pod-a9b8ab32-000a"));
    assertThat(titles(doc)).anySatisfy(t -> assertThat(t).startsWith("operation 1 delete fip/fip-4: ok"));
    // the highlight covers the violation interval and carries the violation as its tooltip
    assertThat(rectsTitled(doc, "S1 eip/eip-4 2.007s..6.084s")).isNotEmpty();
    // what the gateway had: the address is missing (red) after the pod moved, while status.ready is true (green)
    assertThat(titles(doc)).anySatisfy(t -> assertThat(t).contains("vpc-nat-gw-gw1-0 uid=pod-a9b8ab32-000a")
        .endsWith("net1 lacks 172.19.0.14"));
    assertThat(rectsFilled(doc, TimelineSvg.Look.MISSING.colour)).isNotEmpty();
    assertThat(rectsFilled(doc, TimelineSvg.Look.READY.colour)).isNotEmpty();
  }

  @Test
  void theSameHistoryGivesTheSameBytes() {
    Corpus.Run run = Corpus.run(Corpus.BUG_5114);

    assertThat(TimelineSvg.render(run.history(), run.report()))
        .isEqualTo(TimelineSvg.render(Corpus.run(Corpus.BUG_5114).history(), run.report()));
  }

  @Test
  void theSvgIsSelfContained() {
    Corpus.Run run = Corpus.run(Corpus.BUG_5114);

    String svg = TimelineSvg.render(run.history(), run.report());

    assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
        .doesNotContain("<script", "href=", "@import", "@font-face", "url(", "<image", "<foreignObject");
  }

  @Test
  void aCleanRunHasNoViolationHighlight() {
    Corpus.Run run = Corpus.run("good/pod-moved-and-reprogrammed.jsonl");

    String svg = TimelineSvg.render(run.history(), run.report());

    assertThat(texts(parse(svg))).contains("all invariants hold", "Faults", "Workload", "Gateway pods")
        .noneMatch(t -> t.contains(" violated "));
  }

  @ParameterizedTest
  @MethodSource("io.natgwchaos.report.Corpus#files")
  void everyCorpusHistoryRendersEveryViolatedResource(String file) {
    Corpus.Run run = Corpus.run(file);

    String svg = TimelineSvg.render(run.history(), run.report());
    List<String> titles = titles(parse(svg));

    for (Violation violation : run.report().violations()) {
      assertThat(titles).as(file).contains(violation.toString());
    }
  }

  @Test
  void aLongFlappingHistoryStaysSmall() {
    History history = longHistory(20_000, 5_000);
    ResourceRef eip = new ResourceRef("eip", "eip-1");
    Violation violation = new Violation(Invariant.S1, eip, new Interval(1_000_000_000L, 90_000_000_000L),
        "eip/eip-1 is ready but its address 172.19.0.11 is not on net1", List.of(new Witness(5, 1_000_000_000L,
        "snapshot lacks 172.19.0.11")), null);
    CheckReport report = new CheckReport(List.of(new Verdict(Invariant.S1, List.of(violation))), List.of(), List.of());

    String svg = TimelineSvg.render(history, report);
    Document doc = parse(svg);

    assertThat(svg.length()).isLessThan(400_000);
    assertThat(doc.getElementsByTagName("rect").getLength()).isLessThan(3_000);
    assertThat(texts(doc)).contains("5000 operations (histogram)", "eip-1 172.19.0.11 on net1")
        .anySatisfy(t -> assertThat(t).startsWith("S1 violated").contains("UNEXPLAINED"));
  }

  @Test
  void withoutAReportTheRunIsStillDrawn() {
    Corpus.Run run = Corpus.run(Corpus.BUG_5114);

    assertThat(texts(parse(TimelineSvg.render(run.history(), null)))).contains("not checked", "gateway gw1 pod");
  }

  @Test
  void niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
    assertThat(TimelineSvg.niceStep(0.61)).isEqualTo(1.0);
    assertThat(TimelineSvg.niceStep(0.13)).isEqualTo(0.2);
    assertThat(TimelineSvg.niceStep(31)).isEqualTo(50.0);
  }

  // ------------------------------------------------------------------ fixtures and helpers

  /** One EIP whose address flaps on every snapshot, and many short operations. */
  static History longHistory(int snapshots, int operations) {
    List<HistoryEntry> entries = new ArrayList<>();
    long seq = 0;
    entries.add(new RunStarted(seq++, 0, "long-run", "twin", "v1.13.4", 7, Instant.parse("2026-11-26T06:00:00Z"),
        Map.of()));
    entries.add(new ResourceObserved(seq++, 0, ChangeType.ADDED, new NatResourceState(NatResourceKind.EIP, "eip-1",
        "uid-eip-1", "1", false, List.of(), true, "gw1", null, "172.19.0.11", "172.19.0.11", null, null, null,
        null, null, null, "fip", null)));
    long step = 100_000_000_000L / (snapshots + operations * 2L);
    long time = 0;
    int op = 0;
    for (int i = 0; i < snapshots; i++) {
      time += step;
      List<NetAddress> net1 = i % 2 == 0
          ? List.of(NetAddress.parse("172.19.0.5/16"), NetAddress.parse("172.19.0.11/16 secondary"))
          : List.of(NetAddress.parse("172.19.0.5/16"));
      entries.add(new SnapshotTaken(seq++, time, new GatewaySnapshot("gw1", "kube-system", "vpc-nat-gw-gw1-0",
          "pod-1", "node-1", Instant.parse("2026-11-26T06:00:00Z"), true, 0, net1, NatTable.EMPTY, null)));
      if (op < operations && i % Math.max(1, snapshots / operations) == 0) {
        time += step;
        entries.add(new OperationEvent(seq++, time, op, "w1", OperationPhase.INVOKE, "create", "fip", "fip-" + op,
            Map.of(), null));
        time += step;
        entries.add(new OperationEvent(seq++, time, op, "w1", op % 7 == 0 ? OperationPhase.UNKNOWN : OperationPhase.OK,
            "create", "fip", "fip-" + op, Map.of(), op % 7 == 0 ? "timeout" : null));
        op++;
      }
    }
    return new History(entries);
  }

  static Document parse(String svg) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
    }
  }

  /** The text of every {@code text} element without its tooltip. */
  static List<String> texts(Document doc) {
    List<String> texts = new ArrayList<>();
    NodeList nodes = doc.getElementsByTagName("text");
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getFirstChild() == null ? "" : nodes.item(i).getFirstChild().getNodeValue());
    }
    return texts;
  }

  static List<String> titles(Document doc) {
    List<String> titles = new ArrayList<>();
    NodeList nodes = doc.getElementsByTagName("title");
    for (int i = 0; i < nodes.getLength(); i++) {
      titles.add(nodes.item(i).getTextContent());
    }
    return titles;
  }

  private static List<Element> rectsTitled(Document doc, String prefix) {
    List<Element> rects = new ArrayList<>();
    NodeList nodes = doc.getElementsByTagName("rect");
    for (int i = 0; i < nodes.getLength(); i++) {
      Element rect = (Element) nodes.item(i);
      if (rect.getTextContent().startsWith(prefix)) {
        rects.add(rect);
      }
    }
    return rects;
  }

  private static List<Element> rectsFilled(Document doc, String colour) {
    List<Element> rects = new ArrayList<>();
    NodeList nodes = doc.getElementsByTagName("rect");
    for (int i = 0; i < nodes.getLength(); i++) {
      Element rect = (Element) nodes.item(i);
      if (rect.getAttribute("fill").equals(colour)) {
        rects.add(rect);
      }
    }
    return rects;
  }
}
