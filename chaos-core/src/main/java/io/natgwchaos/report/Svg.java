package io.natgwchaos.report;

import java.util.Locale;

/** A tiny SVG writer: elements appended in order, attributes escaped, numbers printed the same on every machine. */
final class Svg {
  private final StringBuilder out = new StringBuilder(16_384);

  Svg open(int width, int height, String title) {
    out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(width)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" font-family=\"DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif\" font-size=\"11\">\n");
    out.append("<title>").append(escape(title)).append("</title>\n");
    return this;
  }

  Svg close() {
    out.append("</svg>\n");
    return this;
  }

  Svg raw(String text) {
    out.append(text);
    return this;
  }

  /** A rectangle, with a tooltip when {@code title} is not null. */
  Svg rect(double x, double y, double width, double height, String fill, String extra, String title) {
    out.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"")
        .append(num(Math.max(width, 0))).append("\" height=\"").append(num(height)).append("\" fill=\"").append(fill)
        .append('"');
    if (extra != null && !extra.isEmpty()) {
      out.append(' ').append(extra);
    }
    if (title == null) {
      out.append("/>\n");
    } else {
      out.append("><title>").append(escape(title)).append("</title></rect>\n");
    }
    return this;
  }

  Svg line(double x1, double y1, double x2, double y2, String stroke, String extra) {
    out.append("<line x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1)).append("\" x2=\"").append(num(x2))
        .append("\" y2=\"").append(num(y2)).append("\" stroke=\"").append(stroke).append('"');
    if (extra != null && !extra.isEmpty()) {
      out.append(' ').append(extra);
    }
    out.append("/>\n");
    return this;
  }

  /** Text; {@code attributes} are added as they are (e.g. {@code font-weight="bold"}). */
  Svg text(double x, double y, String text, String attributes) {
    return text(x, y, text, attributes, null);
  }

  Svg text(double x, double y, String text, String attributes, String title) {
    out.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append('"');
    if (attributes != null && !attributes.isEmpty()) {
      out.append(' ').append(attributes);
    }
    out.append('>').append(escape(text));
    if (title != null) {
      out.append("<title>").append(escape(title)).append("</title>");
    }
    out.append("</text>\n");
    return this;
  }

  Svg polygon(String points, String fill, String title) {
    out.append("<polygon points=\"").append(points).append("\" fill=\"").append(fill).append('"');
    if (title == null) {
      out.append("/>\n");
    } else {
      out.append("><title>").append(escape(title)).append("</title></polygon>\n");
    }
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  static String num(double value) {
    double rounded = Math.round(value * 10) / 10.0;
    if (rounded == Math.rint(rounded)) {
      return Long.toString((long) rounded);
    }
    return String.format(Locale.ROOT, "%.1f", rounded);
  }

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> {
          // XML 1.0 forbids most control characters, even escaped
          if (c >= 0x20 || c == '\n' || c == '\t') {
            escaped.append(c);
          }
        }
      }
    }
    return escaped.toString();
  }

  /** {@code text} cut to {@code max} characters with an ellipsis. */
  static String shorten(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, Math.max(0, max - 1)) + "…";
  }
}
