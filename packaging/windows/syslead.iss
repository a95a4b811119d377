; Inno Setup script for SysLead Desktop, built on the PyInstaller onedir bundle.
; On Windows:  pyinstaller packaging\syslead.spec --distpath packaging\dist
;              iscc packaging\windows\syslead.iss
#define AppName "SysLead Desktop"
; The version is kept equal to syslead_desktop.__version__ by tests/packaging;
; a release build can override it: iscc /DAppVersion=0.2.0 packaging\windows\syslead.iss
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
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
; Windows decides a file's type by its last extension, so "plan.syslead.yaml" is a .yaml
; file. Rather than take over every YAML file, SysLead adds itself to "Open with" for
; .yaml and .yml and declares its own file type, which users can make the default.
Root: HKA; Subkey: "Software\Classes\{#AppId}.decision"; ValueType: string; ValueName: ""; ValueData: "SysLead decision"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#AppId}.decision\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\syslead-desktop.exe,0"
Root: HKA; Subkey: "Software\Classes\{#AppId}.decision\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\syslead-desktop.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.yaml\OpenWithProgids"; ValueType: string; ValueName: "{#AppId}.decision"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.yml\OpenWithProgids"; ValueType: string; ValueName: "{#AppId}.decision"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\syslead-desktop.exe"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\syslead-desktop.exe\SupportedTypes"; ValueType: string; ValueName: ".yaml"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\syslead-desktop.exe\SupportedTypes"; ValueType: string; ValueName: ".yml"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\syslead-desktop.exe\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\syslead-desktop.exe"" ""%1"""

[Run]
Filename: "{app}\syslead-desktop.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
