package org.xnat.router.rest.core.internal.auth;

import java.lang.reflect.Method;
import java.util.Locale;

import org.xnat.router.rest.RequiresRole;
import org.xnat.router.rest.Role;

/**
 * The role a request needs: {@link RequiresRole} on the method, else on its class, else viewer for GET/HEAD and
 * admin for everything else (fail closed: an unannotated POST of a third-party resource is admin-only).
 */
final class AccessPolicy {

    private AccessPolicy() {
    }

    static Role required(String httpMethod, Class<?> resourceClass, Method resourceMethod) {
        RequiresRole onMethod = resourceMethod == null ? null : resourceMethod.getAnnotation(RequiresRole.class);
        if (onMethod != null) {
            return onMethod.value();
        }
        RequiresRole onClass = resourceClass == null ? null : resourceClass.getAnnotation(RequiresRole.class);
        if (onClass != null) {
            return onClass.value();
        }
        String m = httpMethod == null ? "" : httpMethod.toUpperCase(Locale.ROOT);
        return m.equals("GET") || m.equals("HEAD") ? Role.VIEWER : Role.ADMIN;
    }
}
