package org.xnat.router.rest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The least role a resource method (or every method of a resource class) needs, overriding the default
 * (viewer for GET/HEAD, admin for the rest). Example: {@code @POST @RequiresRole(Role.OPERATOR)} on retry.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresRole {
    Role value();
}
