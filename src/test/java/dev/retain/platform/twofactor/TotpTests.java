package dev.retain.platform.twofactor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one-time codes against the published test vectors, their window and replay, base32, recovery codes, the QR. */
class TotpTests {

    /** RFC 6238, appendix B: the SHA-1 seed, 20 ASCII bytes. */
    private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({
        "59, 94287082",
        "1111111109, 07081804",
        "1111111111, 14050471",
        "1234567890, 89005924",
        "2000000000, 69279037",
        "20000000000, 65353130"
    })
    void theCodesOfRfc6238AppendixB(long epochSecond, String expected) {
        long step = Totp.step(Instant.ofEpochSecond(epochSecond));

        assertThat(Totp.code(RFC_KEY, step, 8)).isEqualTo(expected);
        assertThat(Totp.code(RFC_KEY, step, 6))
                .as("six digits are the last six of the same number")
                .isEqualTo(expected.substring(2));
    }

    @Test
    void aCodeIsAcceptedOneStepEitherSideOfNowAndNotFurther() {
        Instant now = Instant.ofEpochSecond(1111111111);
        long step = Totp.step(now);

        assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step - 1, 6), now, Long.MIN_VALUE))
                .hasValue(step - 1);
        assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step + 1, 6), now, Long.MIN_VALUE))
                .hasValue(step + 1);
        assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step - 2, 6), now, Long.MIN_VALUE))
                .isEmpty();
        assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step + 2, 6), now, Long.MIN_VALUE))
                .isEmpty();
    }

    @Test
    void aCodeOfAStepUsedAlreadyOrBeforeItIsRefused() {
        Instant now = Instant.ofEpochSecond(1234567890);
        long step = Totp.step(now);
        String code = Totp.code(RFC_KEY, step, 6);

        assertThat(Totp.matchingStep(RFC_KEY, code, now, step - 1)).hasValue(step);
        assertThat(Totp.matchingStep(RFC_KEY, code, now, step)).isEmpty();
        assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step - 1, 6), now, step))
                .isEmpty();
        assertThat(Totp.inWindow(RFC_KEY, code, now)).isTrue();
        assertThat(Totp.matchingStep(RFC_KEY, "12345", now, Long.MIN_VALUE)).isEmpty();
    }

    @Test
    void base32AsRfc4648WritesItWithoutPadding() {
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(Base32.encode("fooba".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTB");
        assertThat(Base32.encode("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MY");
        assertThat(new String(Base32.decode("mzxw 6ytb oi======"), StandardCharsets.US_ASCII))
                .isEqualTo("foobar");
        assertThat(Base32.decode(Base32.encode(RFC_KEY))).isEqualTo(RFC_KEY);
    }

    @Test
    void recoveryCodesAreTenDistinctAndReadTheSameWhateverTheDashesAndCase() {
        List<String> codes = RecoveryCodes.generate(new SecureRandom());

        assertThat(codes).hasSize(10).allMatch(code -> code.matches("[a-z2-7]{4}(-[a-z2-7]{4}){3}"));
        assertThat(new HashSet<>(codes)).hasSize(10);
        String code = codes.get(0);
        assertThat(RecoveryCodes.hash(code.toUpperCase().replace("-", " "))).isEqualTo(RecoveryCodes.hash(code));
        assertThat(RecoveryCodes.normalise("123456")).isEmpty();
    }

    @Test
    void theQrCodeReadsBackAsTheUriItWasDrawnFrom() throws Exception {
        String uri = "otpauth://totp/Retain:li.lei?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Retain"
                + "&algorithm=SHA1&digits=6&period=30";
        String svg = QrCodeImage.svg(uri);
        String dataUri = QrCodeImage.svgDataUri(uri);

        assertThat(new String(Base64.getDecoder().decode(dataUri.substring(dataUri.indexOf(',') + 1))))
                .isEqualTo(svg);
        assertThat(read(svg)).isEqualTo(uri);
    }

    /** Draws the SVG's modules at 4 pixels each and reads the picture as a phone would. */
    private static String read(String svg) throws Exception {
        int size = Integer.parseInt(svg.replaceAll("(?s).*viewBox=\"0 0 (\\d+) \\d+\".*", "$1"));
        int scale = 4;
        int[] pixels = new int[size * scale * size * scale];
        java.util.Arrays.fill(pixels, 0xffffff);
        var module = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z").matcher(svg);
        while (module.find()) {
            int x = Integer.parseInt(module.group(1));
            int y = Integer.parseInt(module.group(2));
            for (int dy = 0; dy < scale; dy++) {
                for (int dx = 0; dx < scale; dx++) {
                    pixels[(y * scale + dy) * size * scale + x * scale + dx] = 0;
                }
            }
        }
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(size * scale, size * scale, pixels)));
        return new QRCodeReader().decode(bitmap).getText();
    }
}
