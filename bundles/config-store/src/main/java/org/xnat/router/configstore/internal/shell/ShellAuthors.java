package org.xnat.router.configstore.internal.shell;

import org.apache.karaf.shell.support.ShellUtil;
import org.xnat.router.configstore.ChangeAuthor;

/** The author of a change made in the Karaf shell: {@code shell:<user>}. */
final class ShellAuthors {

    private ShellAuthors() {
    }

    static ChangeAuthor current() {
        String user = ShellUtil.getCurrentUserName();
        return ChangeAuthor.local("shell:" + (user == null || user.isBlank() ? "console" : user));
    }
}
