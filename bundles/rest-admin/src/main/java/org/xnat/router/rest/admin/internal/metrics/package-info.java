/** {@code /api/metrics}: throughput per minute from the tracking tables (implementation; nothing exported). */
package org.xnat.router.rest.admin.internal.metrics;
