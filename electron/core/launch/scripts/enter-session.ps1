<#
.SYNOPSIS
  Enters an interactive PowerShell remoting (WinRM) session on a VM whose port JIT Connect has just opened.
.DESCRIPTION
  Started by JIT Connect with parameters (powershell.exe -NoProfile -NoExit -File enter-session.ps1 -ComputerName ...),
  never as a -Command string, so no value is ever evaluated as code. The password is asked for by Get-Credential.
#>
[CmdletBinding()]
param(
  [Parameter(Mandatory = $true)][string]$ComputerName,
  [Parameter(Mandatory = $true)][ValidateRange(1, 65535)][int]$Port,
  [string]$UserName,
  [switch]$UseSSL
)
$ErrorActionPreference = 'Stop'

$credential = if ($UserName) { Get-Credential -UserName $UserName -Message "Password for $ComputerName" }
              else { Get-Credential -Message "Account for $ComputerName" }
if (-not $credential) { Write-Host 'No credential given.'; return }

$session = @{ ComputerName = $ComputerName; Port = $Port; Credential = $credential }
if ($UseSSL) { $session.UseSSL = $true }

Write-Host "Connecting to ${ComputerName}:$Port$(if ($UseSSL) { ' (HTTPS)' }) ..."
try {
  # Started with -NoExit: once this script returns, the interactive prompt goes on inside the entered session.
  Enter-PSSession @session
} catch {
  Write-Host "Could not connect: $($_.Exception.Message)" -ForegroundColor Red
}
