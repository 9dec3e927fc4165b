/**
 * Operations resources of the {@code /api} application: transfers (list, detail, retry, cancel), the router's
 * log files, and the system status. Implementation; nothing exported.
 */
package org.xnat.router.rest.admin.internal.ops;
