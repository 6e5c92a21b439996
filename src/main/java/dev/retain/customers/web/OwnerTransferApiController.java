package dev.retain.customers.web;

import dev.retain.customers.OwnerTransfers;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/customers/transfers}: moves customers to another owner, with a reason (转移). */
@RestController
@Tag(name = "Customers")
class OwnerTransferApiController {

    private final OwnerTransfers transfers;

    OwnerTransferApiController(OwnerTransfers transfers) {
        this.transfers = transfers;
    }

    record TransferRequest(
            @NotEmpty @Size(max = OwnerTransfers.MAX_CUSTOMERS)
            List<Long> customerIds,

            @NotNull Long toOwner,
            @NotBlank @Size(max = 500) String reason,
            boolean tasksFollow) {}

    record TransferResult(List<Long> transferred) {}

    /** Only a manager of the people involved, or an admin, may; the old owners' open tasks follow when asked. */
    @PostMapping("/api/v1/customers/transfers")
    @PreAuthorize("hasAnyRole('ADMIN', 'MANAGER')")
    TransferResult transfer(@Valid @RequestBody TransferRequest request) {
        return new TransferResult(
                transfers.transfer(request.customerIds(), request.toOwner(), request.reason(), request.tasksFollow()));
    }
}
