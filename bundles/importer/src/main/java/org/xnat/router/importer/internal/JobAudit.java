package org.xnat.router.importer.internal;

import org.xnat.router.importer.ImportJob;

/** Where a finished job's summary goes (the audit log). */
interface JobAudit {

    void finished(ImportJob job);
}
