package org.xnat.router.plugins.admin.internal;

import java.util.List;
import java.util.Map;

/**
 * What the framework says about one bundle, read once so that {@link PluginInventory#describe} is a plain
 * function of it.
 *
 * @param id bundle id
 * @param symbolicName Bundle-SymbolicName
 * @param version Bundle-Version
 * @param state the OSGi state ({@code org.osgi.framework.Bundle#ACTIVE} ...)
 * @param location where it was installed from ({@code mvn:...}, {@code file:.../deploy/x.jar})
 * @param importPackage the Import-Package header, or empty
 * @param services properties of the services it registered (each with {@code objectClass})
 * @param components its Declarative Services components
 */
record BundleFacts(long id, String symbolicName, String version, int state, String location, String importPackage,
        List<Map<String, Object>> services, Components components) {

    BundleFacts {
        symbolicName = symbolicName == null ? "" : symbolicName;
        version = version == null ? "" : version;
        location = location == null ? "" : location;
        importPackage = importPackage == null ? "" : importPackage;
        services = List.copyOf(services);
        components = components == null ? Components.NONE : components;
    }

    /**
     * @param total enabled components
     * @param active those satisfied or active
     * @param problems for people, e.g. "c.Foo unsatisfied: missing reference 'dataSource'"
     */
    record Components(int total, int active, List<String> problems) {

        static final Components NONE = new Components(0, 0, List.of());

        Components {
            problems = List.copyOf(problems);
        }
    }
}
