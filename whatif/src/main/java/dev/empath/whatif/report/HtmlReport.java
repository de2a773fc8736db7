package dev.empath.whatif.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The report as one self-contained HTML file: the figures as JSON and the chart library (Apache
 * ECharts, from its webjar on the classpath) inlined, so it opens anywhere without a network.
 */
public final class HtmlReport {

  private static final String TEMPLATE = "/dev/empath/whatif/report/report.html";
  private static final String WEBJAR = "META-INF/resources/webjars/echarts/%s/dist/echarts.min.js";
  private static final String WEBJAR_VERSION =
      "META-INF/maven/org.webjars.npm/echarts/pom.properties";

  private HtmlReport() {}

  public static String render(WhatIfReport report) {
    String template = resource(TEMPLATE);
    // "</" inside a script element would end it; JSON allows the escaped form.
    String data = JsonReport.compact(report).replace("</", "<\\/");
    return template
        .replace("/*ECHARTS*/", echarts())
        .replace("/*DATA*/", data)
        .replace("<!--TITLE-->", escape("what-if " + report.runId()));
  }

  static String echarts() {
    ClassLoader loader = HtmlReport.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(WEBJAR_VERSION)) {
      if (in == null) {
        throw new IllegalStateException("the echarts webjar is not on the classpath");
      }
      Properties pom = new Properties();
      pom.load(in);
      String js = resourceOf(loader, String.format(WEBJAR, pom.getProperty("version")));
      return js.replace("</script", "<\\/script");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the echarts webjar", e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " not found");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  private static String resourceOf(ClassLoader loader, String name) throws IOException {
    try (InputStream in = loader.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " not found");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
