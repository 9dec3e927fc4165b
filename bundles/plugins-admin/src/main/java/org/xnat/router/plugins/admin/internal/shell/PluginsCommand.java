package org.xnat.router.plugins.admin.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.xnat.router.plugins.admin.internal.PluginInfo;
import org.xnat.router.plugins.admin.internal.Plugins;

@Command(scope = "router", name = "plugins",
        description = "Lists installed plugins: the extension types each contributes, and their state")
@Service
public class PluginsCommand implements Action {

    @Reference
    BundleContext bundleContext;

    @Reference(optional = true)
    ServiceComponentRuntime scr;

    @Option(name = "-a", aliases = "--all",
            description = "Also list active bundles that use the router API without contributing an extension")
    boolean all;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("ID").alignRight();
        table.column("Plugin");
        table.column("Version");
        table.column("State");
        table.column("Extensions");
        table.column("Components");
        table.column("Source");
        table.column("Problem");
        for (PluginInfo p : Plugins.list(bundleContext, scr, all)) {
            table.addRow().addContent(p.bundleId(), p.symbolicName(), p.version(), p.state(),
                    p.extensions().isEmpty() ? "-" : String.join(", ", p.extensions()), p.components(), p.source(),
                    p.problem());
        }
        table.print(System.out);
        return null;
    }
}
