"""kombu's filesystem transport (the embedded default broker) with atomic message files.

kombu 5.7's ``filesystem.Channel._put`` opens the final ``<time>_<uuid>.<queue>.msg`` file and
then writes it, while a worker's ``_get`` lists the folder and moves and reads any such file at
once, without taking the writer's lock: a worker that comes between the open and the write reads
an empty file, raises ``JSONDecodeError`` and stops (seen with ``make run``: web, beat and the
billing-run chunks all publish). Here a message is written under a name no queue matches, then
renamed into place, which is atomic on one filesystem: a reader only ever sees whole messages.
"""

from __future__ import annotations

import os
import uuid
from time import monotonic
from typing import Any

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps


class Channel(filesystem.Channel):
    def _put(self, queue: str, payload: Any, **kwargs: Any) -> None:
        name = f"{int(round(monotonic() * 1000))}_{uuid.uuid4()}.{queue}.msg"
        final = os.path.join(self.data_folder_out, name)
        # ".<uuid>.partial": _get keeps files whose name after the first dot is "<queue>.msg".
        partial = os.path.join(self.data_folder_out, f".{uuid.uuid4()}.partial")
        try:
            with open(partial, "wb") as f:
                f.write(str_to_bytes(dumps(payload)))
            os.replace(partial, final)
        except OSError as exc:
            raise ChannelError(f"Cannot add file {final!r} to directory") from exc


class Transport(filesystem.Transport):
    Channel = Channel
