package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.IntegrationTest;
import dev.retain.platform.UserAccounts.NewUser;
import dev.retain.platform.apikeys.ApiKeys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** An upload over the configured limit, here set to 1 MB, is answered with a clear problem, not read. */
@IntegrationTest
@TestPropertySource(properties = {"retain.data-dir=target/test-data-uploads", "retain.upload.max-mb=1"})
class UploadLimitTests {

    private static final String BOUNDARY = "limit-test-boundary";
    private static final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    UserAccounts users;

    @Test
    void anApiUploadOverTheLimitIsA413Problem() throws Exception {
        var response = http.send(
                apiUpload()
                        .POST(HttpRequest.BodyPublishers.ofByteArray(twoMegabyteForm()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body())
                .contains("\"title\":\"Upload too large\"")
                .contains("larger than 1 MB, the limit (RETAIN_UPLOAD_MAX_MB)");
    }

    /** Without a declared length the size is found while reading, and answered the same way. */
    @Test
    void anApiUploadOfUndeclaredLengthOverTheLimitIsA413ProblemToo() throws Exception {
        byte[] form = twoMegabyteForm();
        var response = http.send(
                apiUpload()
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(form)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("larger than 1 MB, the limit");
    }

    @Test
    void aPageUploadOverTheLimitReturnsToTheFormWhichSaysWhy() throws Exception {
        var session = new WebSession(port);
        String username = "uploader-" + Long.toHexString(System.nanoTime());
        users.create(new NewUser(username, "Uploader", null, "correct horse battery", Set.of(Role.MANAGER)));
        session.signIn(username, "correct horse battery");

        var response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/imports/upload"))
                        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                        .header("Referer", "http://localhost:" + port + "/imports")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(twoMegabyteForm()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue("/imports?uploadTooLarge");
        assertThat(session.get("/imports?uploadTooLarge").body())
                .contains("id=\"upload-too-large\"")
                .contains("larger than 1 MB, the upload limit");
    }

    private HttpRequest.Builder apiUpload() {
        String token = apiKeys.create("upload test", Set.of(Role.MANAGER)).token();
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/imports/preview?kind=CUSTOMERS"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY);
    }

    private static byte[] twoMegabyteForm() throws IOException {
        var form = new ByteArrayOutputStream();
        form.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nCUSTOMERS\r\n")
                .getBytes(StandardCharsets.UTF_8));
        form.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n"
                        + "Content-Type: text/csv\r\n\r\ncustomer_id,name\r\n")
                .getBytes(StandardCharsets.UTF_8));
        byte[] row = "C1,name\r\n".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 2 * 1024 * 1024 / row.length; i++) {
            form.write(row);
        }
        form.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return form.toByteArray();
    }
}
