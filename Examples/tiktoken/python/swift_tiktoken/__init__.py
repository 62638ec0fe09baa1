"""swift-tiktoken: a drop-in for tiktoken's ``Encoding`` whose core is plain Swift.

``Encoding`` takes tiktoken's constructor arguments and gives tiktoken's ids; the splitting,
merging, special-token scanning, batching and decoding run in Swift (``swift_tiktoken._core``,
built by swiftmod from Sources/TiktokenCore). Encodings can be registered by name from local
``.tiktoken`` files (nothing is downloaded).
"""

from .core import Encoding
from .load import dump_tiktoken_bpe, load_tiktoken_bpe
from .registry import get_encoding, list_encoding_names, register_encoding

__all__ = ["Encoding", "dump_tiktoken_bpe", "get_encoding", "list_encoding_names", "load_tiktoken_bpe",
           "register_encoding"]
