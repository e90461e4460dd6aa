; Included by electron-builder's NSIS installer (nsis.include in build/electron-builder.config.mjs).
; jitconnect:// links open JIT Connect: the class is written where the install went (SHELL_CONTEXT: HKCU for a
; per-user install, HKLM for all users), so ticket systems and wikis can link to a connect.
!macro customInstall
  WriteRegStr SHELL_CONTEXT "Software\Classes\jitconnect" "" "URL:JIT Connect"
  WriteRegStr SHELL_CONTEXT "Software\Classes\jitconnect" "URL Protocol" ""
  WriteRegStr SHELL_CONTEXT "Software\Classes\jitconnect\DefaultIcon" "" "$appExe,0"
  WriteRegStr SHELL_CONTEXT "Software\Classes\jitconnect\shell\open\command" "" '"$appExe" "%1"'
  ; The admin-policy template (shipped only when build/policy holds it): for an all-users install, into the
  ; machine's PolicyDefinitions so gpedit.msc shows JIT Connect's settings at once.
  ${if} $installMode == "all"
  ${andIf} ${FileExists} "$INSTDIR\resources\policy\jit-connect.admx"
    CopyFiles /SILENT "$INSTDIR\resources\policy\jit-connect.admx" "$WINDIR\PolicyDefinitions"
    ${if} ${FileExists} "$INSTDIR\resources\policy\en-US\jit-connect.adml"
      CreateDirectory "$WINDIR\PolicyDefinitions\en-US"
      CopyFiles /SILENT "$INSTDIR\resources\policy\en-US\jit-connect.adml" "$WINDIR\PolicyDefinitions\en-US"
    ${endIf}
  ${endIf}
!macroend

!macro customUnInstall
  DeleteRegKey SHELL_CONTEXT "Software\Classes\jitconnect"
  ${if} $installMode == "all"
    Delete "$WINDIR\PolicyDefinitions\jit-connect.admx"
    Delete "$WINDIR\PolicyDefinitions\en-US\jit-connect.adml"
  ${endIf}
!macroend
