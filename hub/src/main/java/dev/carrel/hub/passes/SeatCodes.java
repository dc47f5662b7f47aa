package dev.carrel.hub.passes;

import dev.carrel.hub.spaces.SpaceModel;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The printable page of a zone's seat codes: one card per seat with its id, a QR code of the pass page's
 * public address with {@code ?seat=} (ZXing through {@link QrSvg}) and how to use it, in zh-CN and English.
 * A patron scans it with the phone's camera; the pass page then offers the check-in of their booking at that
 * seat (docs/reservations.md, "Check-in"). The code names only the seat, so it never expires and is the same
 * for everyone: a photo of it is no help elsewhere, because a sensor seat holds a booking only with presence.
 */
public final class SeatCodes {
    private static final String STYLE = """
            @page { size: A4; margin: 10mm; }
            body { font-family: system-ui, "Noto Sans CJK SC", sans-serif; margin: 0; padding: 8mm; }
            header h1 { font-size: 16pt; margin: 0 0 2mm; }
            header p { margin: 0 0 6mm; color: #444; }
            .cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 5mm; }
            .card { border: 1px dashed #888; border-radius: 3mm; padding: 4mm; text-align: center;
                    break-inside: avoid; page-break-inside: avoid; }
            .card p { margin: 1mm 0; }
            .zone { font-size: 9pt; color: #444; }
            .seat { font-size: 22pt; font-weight: 700; }
            .card svg { width: 42mm; height: 42mm; }
            .how { font-size: 9pt; }
            .url { font-size: 6.5pt; color: #555; overflow-wrap: anywhere; }
            @media print { header { display: none; } body { padding: 0; } }
            """;

    private final URI publicUrl;

    /** @param publicUrl the pass page as phones reach it ({@code carrel.passes.public-url}), without a query */
    public SeatCodes(URI publicUrl) {
        this.publicUrl = publicUrl;
    }

    /** What a seat's code encodes: the pass page with the seat, e.g. {@code https://lib.example/pass/?seat=desk-03}. */
    public String address(String seatId) {
        return publicUrl + "?seat=" + URLEncoder.encode(seatId, StandardCharsets.UTF_8);
    }

    /** The page for the zone's seats, in the model's order. */
    public String page(SpaceModel.Zone zone, List<SpaceModel.Seat> seats) {
        StringBuilder html = new StringBuilder(4096 + seats.size() * 12_000);
        html.append("<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(zone.name()))
                .append(" · 座位签到码 Seat check-in codes</title>\n<style>")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n<header>\n<h1>")
                .append(escape(zone.name()))
                .append(" · 座位签到码 / Seat check-in codes</h1>\n")
                .append("<p>打印后将每张卡片贴在对应的座位上。 Print this page and fix each card to its own desk.</p>\n")
                .append("</header>\n<main class=\"cards\">\n");
        for (SpaceModel.Seat seat : seats) {
            card(html, zone, seat);
        }
        return html.append("</main>\n</body>\n</html>\n").toString();
    }

    private void card(StringBuilder html, SpaceModel.Zone zone, SpaceModel.Seat seat) {
        String address = address(seat.id());
        html.append("<section class=\"card\" data-seat=\"")
                .append(escape(seat.id()))
                .append("\">\n<p class=\"zone\">")
                .append(escape(zone.name()))
                .append("</p>\n<p class=\"seat\" translate=\"no\">")
                .append(escape(seat.id()))
                .append("</p>\n")
                .append(QrSvg.of(address))
                .append("\n<p class=\"how\" lang=\"zh-CN\">用手机扫码，为您在本座位的预约签到。</p>\n")
                .append(
                        "<p class=\"how\" lang=\"en\">Scan with your phone to check in to your booking at this seat.</p>\n")
                .append("<p class=\"url\" translate=\"no\">")
                .append(escape(address))
                .append("</p>\n</section>\n");
    }

    /** Names come from staff, through the spaces API: text, never markup. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
