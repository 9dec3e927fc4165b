package org.xnat.router.plugins.admin.internal;

import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/** Entry point for the shell command and the web console: the installed plugins, read now. */
public final class Plugins {

    private Plugins() {
    }

    /**
     * @param scr the DS runtime for component states, or null
     * @param all also active bundles that use the router API without contributing an extension
     */
    public static List<PluginInfo> list(BundleContext context, ServiceComponentRuntime scr, boolean all) {
        return PluginInventory.plugins(context, scr, all);
    }
}
