import select

from django.db.backends.postgresql import base
from psycopg.pq import TransactionStatus

# Anything the server sends to an idle connection, or its closing the socket.
_ARRIVED = select.POLLIN | select.POLLPRI | select.POLLERR | select.POLLHUP


class DatabaseWrapper(base.DatabaseWrapper):
    """PostgreSQL as Django has it, but for the health check at a request's first query.

    Django checks a reused connection (``CONN_HEALTH_CHECKS``) with ``SELECT 1``: one
    round trip on every request. A connection the server has dropped (a restart, an
    administrator's ``pg_terminate_backend``, an idle timeout) has been told so: the
    server sends its error and closes the socket, which the client can see without
    asking. So a connection that is idle, not in a transaction, and has nothing to read
    is used as it is; anything else gets Django's ``SELECT 1``, and a failed check
    reconnects as before.

    Not covered, as with ``SELECT 1`` itself where it would hang: a server that vanished
    without closing the connection (its host lost power, a silent network cut). The
    first query then fails or times out; Django marks the error, and the next request
    checks with ``SELECT 1`` and reconnects.
    """

    # Django's own (BaseDatabaseWrapper.__init__), missing from the type stubs.
    health_check_enabled: bool
    health_check_done: bool

    def close_if_health_check_failed(self) -> None:
        if (
            self.connection is not None
            and self.health_check_enabled
            and not self.health_check_done
            and not self.pool
            and self._idle_and_quiet()
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()

    def _idle_and_quiet(self) -> bool:
        """Open, outside a transaction, and with nothing from the server waiting."""
        connection = self.connection
        if connection.closed or connection.info.transaction_status != TransactionStatus.IDLE:
            return False
        poller = select.poll()
        poller.register(connection.fileno(), _ARRIVED)
        return not poller.poll(0)
