"""Windows version resource for the two executables (File Explorer > Properties > Details).

Imported by packaging/syslead.spec; PyInstaller embeds it only when building on Windows.
"""

from __future__ import annotations

from PyInstaller.utils.win32.versioninfo import (
    FixedFileInfo,
    StringFileInfo,
    StringStruct,
    StringTable,
    VarFileInfo,
    VarStruct,
    VSVersionInfo,
)

UK_ENGLISH_UNICODE = "080904B0"  # language 0x0809 (English, United Kingdom), code page 1200


def version_info(version: str, exe_name: str, description: str) -> VSVersionInfo:
    numbers = tuple(int(part) for part in version.split(".")[:3])
    four = (*numbers, *(0,) * (4 - len(numbers)))
    strings = {
        "CompanyName": "SysLead developers",
        "FileDescription": description,
        "FileVersion": version,
        "InternalName": exe_name,
        "LegalCopyright": "MIT licence",
        "OriginalFilename": f"{exe_name}.exe",
        "ProductName": "SysLead Desktop",
        "ProductVersion": version,
    }
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=four, prodvers=four),
        kids=[
            StringFileInfo(
                [StringTable(UK_ENGLISH_UNICODE, [StringStruct(k, v) for k, v in strings.items()])]
            ),
            VarFileInfo([VarStruct("Translation", [0x0809, 1200])]),
        ],
    )
