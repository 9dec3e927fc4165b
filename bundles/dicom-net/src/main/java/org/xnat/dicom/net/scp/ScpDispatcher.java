package org.xnat.dicom.net.scp;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ExecutorService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.dicom.net.DimseStatus;
import org.xnat.dicom.net.PresentationContext;
import org.xnat.dicom.net.StorageSink;
import org.xnat.dicom.net.internal.assoc.AssociationImpl;
import org.xnat.dicom.net.internal.dimse.Command;
import org.xnat.dicom.net.internal.dimse.StoreHandler;
import org.xnat.dicom.net.scu.DicomClient;

/** Routes incoming DIMSE requests of an SCP association to the services. */
final class ScpDispatcher implements AssociationImpl.RequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ScpDispatcher.class);

    private final StorageSink storageSink;
    private final QueryProvider queryProvider;
    private final RetrieveProvider retrieveProvider;
    private final MoveDestinationResolver resolver;
    private final DicomClient moveClient;
    private final ExecutorService workers;
    private final QueryRetrieveService queryRetrieve;

    ScpDispatcher(StorageSink storageSink, QueryProvider queryProvider, RetrieveProvider retrieveProvider,
            MoveDestinationResolver resolver, DicomClient moveClient, ExecutorService workers) {
        this.storageSink = storageSink;
        this.queryProvider = queryProvider;
        this.retrieveProvider = retrieveProvider;
        this.resolver = resolver;
        this.moveClient = moveClient;
        this.workers = workers;
        this.queryRetrieve = new QueryRetrieveService(queryProvider, retrieveProvider, resolver, moveClient, workers);
    }

    @Override
    public void onRequest(AssociationImpl a, PresentationContext pc, Command cmd, InputStream dataset) throws IOException {
        switch (cmd.commandField()) {
            case Command.C_ECHO_RQ -> a.send(pc, Command.response(cmd, DimseStatus.SUCCESS, false), null);
            case Command.C_STORE_RQ -> StoreHandler.handle(a, pc, cmd, dataset, storageSink);
            case Command.C_FIND_RQ, Command.C_MOVE_RQ, Command.C_GET_RQ -> queryRetrieve.onRequest(a, pc, cmd, dataset);
            default -> {
                LOG.warn("{}: unsupported request {} answered with 0211H", a.label(), cmd);
                a.send(pc, Command.response(cmd, DimseStatus.UNRECOGNIZED_OPERATION, false), null);
            }
        }
    }
}
