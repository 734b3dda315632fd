package dev.leakscope.core.report;

/**
 * Writes SVG elements into a report. Coordinates carry one decimal: a tenth of a pixel is finer
 * than any screen shows, and a day-long chart stays a few hundred kilobytes.
 */
final class Svg {

    private final StringBuilder out;

    Svg(StringBuilder out) {
        this.out = out;
    }

    Svg raw(String markup) {
        out.append(markup);
        return this;
    }

    Svg text(String text) {
        out.append(Html.escape(text));
        return this;
    }

    Svg num(double value) {
        long tenths = Math.round(value * 10);
        if (tenths < 0) {
            out.append('-');
            tenths = -tenths;
        }
        out.append(tenths / 10);
        if (tenths % 10 != 0) {
            out.append('.').append(tenths % 10);
        }
        return this;
    }

    /** A line; {@code title} (may be null) is what a mouse pointer over it shows. */
    Svg line(String cssClass, double x1, double y1, double x2, double y2, String title) {
        raw("<line class=\"").raw(cssClass).raw("\" x1=\"").num(x1).raw("\" y1=\"").num(y1)
                .raw("\" x2=\"").num(x2).raw("\" y2=\"").num(y2).raw("\"");
        return titled(title, "line");
    }

    Svg rect(String cssClass, double x, double y, double width, double height, String title) {
        raw("<rect class=\"").raw(cssClass).raw("\" x=\"").num(x).raw("\" y=\"").num(y)
                .raw("\" width=\"").num(width).raw("\" height=\"").num(height).raw("\"");
        return titled(title, "rect");
    }

    /** Text at (x, y); {@code anchor} is start, middle or end. */
    Svg label(String cssClass, double x, double y, String anchor, String text) {
        raw("<text class=\"").raw(cssClass).raw("\" x=\"").num(x).raw("\" y=\"").num(y)
                .raw("\" text-anchor=\"").raw(anchor).raw("\">").text(text).raw("</text>");
        return this;
    }

    /** The points as one path in the frame's pixels: {@code M x y L x y ...}. */
    Svg path(String attributes, Points points, Frame frame) {
        raw("<path ").raw(attributes).raw(" d=\"");
        for (int i = 0; i < points.size(); i++) {
            raw(i == 0 ? "M" : "L").num(frame.x(points.t()[i])).raw(" ").num(frame.y(points.v()[i]));
        }
        if (points.size() == 1) {
            // a lone sample: a zero-length segment, drawn as a dot by its round cap
            raw("h0");
        }
        return raw("\"/>");
    }

    private Svg titled(String title, String element) {
        if (title == null) {
            return raw("/>");
        }
        return raw("><title>").text(title).raw("</title></").raw(element).raw(">");
    }
}
