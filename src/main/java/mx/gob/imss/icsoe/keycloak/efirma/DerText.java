package mx.gob.imss.icsoe.keycloak.efirma;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The text of one DER-encoded ASN.1 string (an attribute value of a certificate's subject), whatever its
 * string type: UTF8String, PrintableString, IA5String, VisibleString, NumericString, TeletexString,
 * BMPString or UniversalString. A value of another type, or one that is not well-formed DER, is
 * returned as the hex of its bytes, so it is never mistaken for an empty value.
 */
final class DerText {

    private static final Map<Integer, Charset> CHARSETS = Map.of(
            0x0C, StandardCharsets.UTF_8, 0x13, StandardCharsets.US_ASCII, 0x16, StandardCharsets.US_ASCII,
            0x1A, StandardCharsets.US_ASCII, 0x12, StandardCharsets.US_ASCII, 0x14, StandardCharsets.ISO_8859_1,
            0x1E, StandardCharsets.UTF_16BE, 0x1C, Charset.forName("UTF-32BE"));

    private DerText() {
    }

    static String decode(byte[] der) {
        if (der.length >= 2) {
            int length = der[1] & 0xFF;
            int start = 2;
            if (length > 0x80 && length <= 0x82 && der.length >= 2 + (length & 0x7F)) {
                int bytes = length & 0x7F;
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (der[2 + i] & 0xFF);
                }
                start += bytes;
            }
            Charset charset = CHARSETS.get(der[0] & 0xFF);
            if (charset != null && start + length == der.length) {
                return new String(der, start, length, charset);
            }
        }
        StringBuilder hex = new StringBuilder("#");
        for (byte b : der) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }
}
