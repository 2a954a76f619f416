package dev.estserver.service;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigValidationException;

/**
 * Starts the service and, when it cannot start, says why in one line. Quarkus would log the reason inside a
 * "Failed to start application" stack trace, some twenty lines down where operators missed it; the trace is logged
 * here at DEBUG only. With an exit handler of our own Quarkus logs nothing itself and leaves the exit code (1 after
 * a startup failure) to us.
 */
@QuarkusMain
public final class EstServiceMain {

    private static final Logger LOG = Logger.getLogger(EstServiceMain.class);

    public static void main(String... args) {
        Quarkus.run(null, EstServiceMain::exit, args);
    }

    private static void exit(int code, Throwable failure) {
        if (failure != null) {
            LOG.error(reason(failure));
            LOG.debug("the startup failure in full", failure);
        }
        ApplicationLifecycleManager.getDefaultExitCodeHandler().accept(code, failure);
    }

    /**
     * The line that says why: a refusal's own message (configuration checks throw IllegalStateException or
     * IllegalArgumentException with a message written for operators; Quarkus and SmallRye Config throw their own
     * configuration exceptions), the outermost one because wrappers of ours add the context. Anything else is
     * unexpected and named by its root cause.
     */
    static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IllegalStateException || t instanceof IllegalArgumentException
                    || t instanceof ConfigurationException || t instanceof ConfigValidationException) {
                return "refusing to start: " + t.getMessage();
            }
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "cannot start: " + root + " (the stack trace is logged at DEBUG by " + LOG.getName() + ")";
    }
}
