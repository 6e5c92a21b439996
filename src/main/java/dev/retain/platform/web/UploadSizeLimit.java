package dev.retain.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.ObjectMapper;

/**
 * Turns away an upload whose declared size is over {@code retain.upload.max-mb} before anything reads it. It runs
 * ahead of security because the sign-in and CSRF checks read the form, and a form too large to read would otherwise be
 * answered with a bare 403. The API gets 413 problem+json; a page is sent back where the form was, with
 * {@code ?uploadTooLarge} for the layout to explain. Uploads without a declared size are stopped by the multipart
 * limit itself, answered by {@link ApiExceptionHandler}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class UploadSizeLimit extends OncePerRequestFilter {

    static final String PAGE_PARAMETER = "uploadTooLarge";

    private final long maxBytes;
    private final int maxMegabytes;
    private final ObjectMapper json;

    UploadSizeLimit(@Value("${retain.upload.max-mb}") int maxMegabytes, ObjectMapper json) {
        this.maxMegabytes = maxMegabytes;
        this.maxBytes = maxMegabytes * 1024L * 1024L;
        this.json = json;
    }

    /** The problem answered for an upload over the limit, here and by {@link ApiExceptionHandler}. */
    static ProblemDetail problem(int maxMegabytes) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONTENT_TOO_LARGE,
                "The upload is larger than " + maxMegabytes + " MB, the limit (RETAIN_UPLOAD_MAX_MB).");
        problem.setTitle("Upload too large");
        return problem;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return type == null
                || !type.toLowerCase(Locale.ROOT).startsWith("multipart/")
                || request.getContentLengthLong() <= maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/")) {
            ProblemDetail problem = problem(maxMegabytes);
            problem.setInstance(URI.create(request.getRequestURI()));
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem);
        } else {
            response.setStatus(HttpStatus.SEE_OTHER.value());
            response.setHeader("Location", backTo(request));
        }
    }

    /** The page the form was on, when the browser says and it is on this server; else the home page. */
    private static String backTo(HttpServletRequest request) {
        String home = request.getContextPath() + "/";
        String referer = request.getHeader("Referer");
        URI from;
        try {
            from = referer == null ? null : URI.create(referer);
        } catch (IllegalArgumentException e) {
            from = null;
        }
        boolean sameServer = from != null
                && from.getRawPath() != null
                && request.getServerName().equalsIgnoreCase(from.getHost())
                && from.getRawPath().startsWith(home);
        String page = sameServer ? from.getRawPath() : home;
        return UriComponentsBuilder.fromPath(page)
                .query(sameServer ? from.getRawQuery() : null)
                .replaceQueryParam(PAGE_PARAMETER)
                .queryParam(PAGE_PARAMETER)
                .build()
                .toUriString();
    }
}
