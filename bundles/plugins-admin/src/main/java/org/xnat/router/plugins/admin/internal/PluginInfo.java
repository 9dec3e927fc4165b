package org.xnat.router.plugins.admin.internal;

import java.util.List;

/**
 * One installed plugin as {@code router:plugins} and the web console show it.
 *
 * @param bundleId bundle id (for {@code bundle:diag}, {@code bundle:uninstall})
 * @param symbolicName Bundle-SymbolicName
 * @param version Bundle-Version
 * @param state ACTIVE, RESOLVED, INSTALLED (not resolved), STARTING, STOPPING
 * @param extensions the extension types it contributes, e.g. {@code destination:dicom-json},
 *        {@code filter:modality}, {@code health-indicator}
 * @param components DS components active of declared, e.g. "1/1", or "-" without components
 * @param source {@code deploy/NAME} for a bundle dropped into deploy/, else its install location
 * @param problem why it does not work fully, or empty
 */
public record PluginInfo(long bundleId, String symbolicName, String version, String state, List<String> extensions,
        String components, String source, String problem) {

    public PluginInfo {
        extensions = List.copyOf(extensions);
    }
}
