package dev.estserver.service.console;

import java.time.Instant;
import java.util.List;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import dev.estserver.service.admin.BootstrapCredentialView;
import dev.estserver.service.admin.CertificateView;
import dev.estserver.service.admin.DeviceDetail;
import dev.estserver.service.admin.DeviceView;
import dev.estserver.service.admin.EventView;
import dev.estserver.service.admin.OneTimeCodesResource;
import dev.estserver.service.admin.Page;
import dev.estserver.service.enrollment.ApprovalView;
import dev.estserver.service.revocation.RevocationReason;

/** The console's pages, each checked against the types of its data when the service is built. */
@CheckedTemplate(basePath = "console")
final class ConsoleTemplates {

    private ConsoleTemplates() {
    }

    static native TemplateInstance signIn(String csrf, boolean certificatePresented, String problem, String notice);

    static native TemplateInstance problem(ConsoleUser user, int status, String reason, String requestId);

    static native TemplateInstance overview(ConsoleUser user, Overview overview);

    static native TemplateInstance devices(ConsoleUser user, Search search, Page<DeviceView> page);

    static native TemplateInstance device(ConsoleUser user, DeviceDetail detail, List<EventView> timeline,
            List<RevocationReason> reasons, String done);

    static native TemplateInstance certificates(ConsoleUser user, Search search, Page<CertificateView> page);

    static native TemplateInstance certificate(ConsoleUser user, CertificateView certificate,
            List<RevocationReason> reasons, String done);

    static native TemplateInstance approvals(ConsoleUser user, List<ApprovalView> waiting, String done);

    static native TemplateInstance credentials(ConsoleUser user, Page<BootstrapCredentialView> bootstrap,
            Page<OneTimeCodesResource.CodeView> codes, String done);

    static native TemplateInstance audit(ConsoleUser user, AuditSearch search, Page<EventView> page);

    /** @param secret the password or code, in this page only */
    static native TemplateInstance issued(ConsoleUser user, String what, String name, String secret,
            Instant expiresAt);
}
