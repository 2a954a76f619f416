package dev.estserver.service.admin;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name of an admin call in the audit and the log, such as {@code admin.devices.suspend}; a refusal of the call
 * names it too. Every admin resource method has one, next to the roles it admits.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AdminOperation {

    String value();
}
