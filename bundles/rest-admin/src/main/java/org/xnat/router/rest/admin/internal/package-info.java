/** Admin REST resources of the {@code /api} application (implementation; nothing exported). */
package org.xnat.router.rest.admin.internal;
