package dev.retain.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The headers every response carries, on top of Spring Security's defaults (nosniff, {@code X-Frame-Options: DENY},
 * no caching, HSTS over HTTPS): a Content-Security-Policy, a Referrer-Policy and a Permissions-Policy.
 *
 * <p>Pages run no inline script: scripts come from {@code /assets/js} and the webjars only, so a script injected into
 * a page does not run. Inline {@code style} attributes stay allowed ({@code style-src-attr}): templates size charts
 * with them and ECharts writes its tooltips with them; {@code <style>} elements do not. A page may choose another
 * policy by setting the header itself before its response is committed (see {@link #showEmailDocuments}).
 */
public final class SecurityHeaders {

    public static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";

    /** Every page and response unless said otherwise. */
    public static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "style-src-attr 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /**
     * Pages that show an email in a sandboxed {@code srcdoc} frame (the outbox, the template editor's preview): such a
     * frame inherits the page's policy, and emails carry their own {@code <style>} blocks and remote images. Script
     * stays as strict as on every page; the frame is sandboxed without scripts anyway.
     */
    public static final String EMAIL_DOCUMENTS_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /** Swagger UI under {@code /api/docs}: its React components inject {@code <style>} elements. */
    public static final String API_DOCS_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /** Powerful browser features no page of Retain uses. */
    static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=()";

    private SecurityHeaders() {}

    /** Adds the headers to a security filter chain. */
    public static Customizer<HeadersConfigurer<HttpSecurity>> everywhere() {
        return headers -> headers.addHeaderWriter(new PolicyByPath())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                .permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS_POLICY));
    }

    /** For a page whose frames show emails: call before the response is committed. */
    public static void showEmailDocuments(HttpServletResponse response) {
        response.setHeader(CONTENT_SECURITY_POLICY, EMAIL_DOCUMENTS_POLICY);
    }

    /** The page policy, Swagger UI's under its paths, and nothing where a page has set its own. */
    private static final class PolicyByPath implements HeaderWriter {

        private final RequestMatcher apiDocs = new OrRequestMatcher(
                PathPatternRequestMatcher.pathPattern("/api/docs"),
                PathPatternRequestMatcher.pathPattern("/api/swagger-ui/**"));

        @Override
        public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
            if (!response.containsHeader(CONTENT_SECURITY_POLICY)) {
                response.setHeader(CONTENT_SECURITY_POLICY, apiDocs.matches(request) ? API_DOCS_POLICY : PAGE_POLICY);
            }
        }
    }
}
