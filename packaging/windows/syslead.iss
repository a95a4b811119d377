; Inno Setup script for SysLead Desktop, built on the PyInstaller onedir bundle.
; On Windows:  pyinstaller packaging\syslead.spec --distpath packaging\dist
;              iscc packaging\windows\syslead.iss
#define AppName "SysLead Desktop"
#define AppVersion "0.1.0"
#define AppId "org.syslead.SysLeadDesktop"
#define BundleDir "..\dist\SysLead"

[Setup]
AppId={{6F1C2A4E-5B3D-4E8A-9C71-2D0F5A6B7C81}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=SysLead developers
DefaultDirName={autopf}\SysLead Desktop
DefaultGroupName=SysLead Desktop
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\dist
OutputBaseFilename=SysLeadDesktop-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\syslead.ico
UninstallDisplayIcon={app}\syslead-desktop.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
LicenseFile=..\..\LICENSE

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\SysLead Desktop"; Filename: "{app}\syslead-desktop.exe"
Name: "{group}\Uninstall SysLead Desktop"; Filename: "{uninstallexe}"
Name: "{autodesktop}\SysLead Desktop"; Filename: "{app}\syslead-desktop.exe"; Tasks: desktopicon

[Registry]
; Open .syslead.yaml decision files with the wizard.
Root: HKA; Subkey: "Software\Classes\.syslead.yaml"; ValueType: string; ValueName: ""; ValueData: "{#AppId}.decision"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#AppId}.decision"; ValueType: string; ValueName: ""; ValueData: "SysLead decision"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#AppId}.decision\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\syslead-desktop.exe,0"
Root: HKA; Subkey: "Software\Classes\{#AppId}.decision\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\syslead-desktop.exe"" ""%1"""

[Run]
Filename: "{app}\syslead-desktop.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
