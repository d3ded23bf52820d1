<#
.SYNOPSIS
    Install the credscan agent as a Windows service on a Windows file server.

.DESCRIPTION
    Creates a venv under "C:\Program Files\credscan\venv", installs credscan into it, writes the config to
    "C:\ProgramData\credscan\agent.toml" (kept on re-runs), the state folder "C:\ProgramData\credscan\state"
    (readable by SYSTEM, Administrators and the service only), and registers the service "credscan-agent".

    Python programs do not speak the Service Control Manager protocol, so the service runs through a
    service wrapper: WinSW (https://github.com/winsw/winsw, MIT). Download WinSW-x64.exe once and pass it with
    -WrapperExe. WinSW stops the agent with Ctrl+C, which the agent handles like SIGTERM (finish or abandon the
    current file, flush the outbox, agent.stopped), and kills it after the stop timeout.

    The service runs as the virtual account "NT SERVICE\credscan-agent" (no password to manage). Grant that
    account read access to the shares to scan, e.g.:
        icacls D:\Shares /grant "NT SERVICE\credscan-agent:(OI)(CI)RX" /T
    Secrets: store them as machine environment variables readable by the service only, or with
    `credscan secrets set NAME` run as the service account; reference them as "env:NAME" / "keyring:credscan/NAME".

.EXAMPLE
    .\install-service.ps1 -Source .\credscan-0.1.0-py3-none-any.whl -WrapperExe .\WinSW-x64.exe

.EXAMPLE
    .\install-service.ps1 -Uninstall
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [string] $Source = (Split-Path -Parent $PSScriptRoot),
    [string] $Python = "py",
    [string] $WrapperExe,
    [string] $InstallDir = (Join-Path $env:ProgramFiles "credscan"),
    [string] $DataDir = (Join-Path $env:ProgramData "credscan"),
    [string] $ServiceName = "credscan-agent",
    [switch] $NoStart,
    [switch] $Uninstall
)

Set-StrictMode -Version Latest
$ErrorActionPreference = "Stop"

$VenvDir = Join-Path $InstallDir "venv"
$StateDir = Join-Path $DataDir "state"
$ConfigFile = Join-Path $DataDir "agent.toml"
$WrapperTarget = Join-Path $InstallDir "$ServiceName.exe"
$WrapperXml = Join-Path $InstallDir "$ServiceName.xml"
$ServiceAccount = "NT SERVICE\$ServiceName"

function Assert-Administrator {
    $principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
    if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
        throw "Run this script from an elevated PowerShell (Run as administrator)."
    }
}

function Invoke-Checked {
    param([string] $FilePath, [string[]] $Arguments)
    & $FilePath @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$FilePath $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

function Set-PrivateAcl {
    <# Only SYSTEM, Administrators and (optionally) the service account; no inherited entries. #>
    param([string] $Path, [string] $ServiceRights)
    $acl = New-Object System.Security.AccessControl.DirectorySecurity
    $acl.SetAccessRuleProtection($true, $false)
    $inherit = [System.Security.AccessControl.InheritanceFlags]"ContainerInherit, ObjectInherit"
    $none = [System.Security.AccessControl.PropagationFlags]::None
    foreach ($who in @("NT AUTHORITY\SYSTEM", "BUILTIN\Administrators")) {
        $acl.AddAccessRule((New-Object System.Security.AccessControl.FileSystemAccessRule(
            $who, "FullControl", $inherit, $none, "Allow")))
    }
    if ($ServiceRights) {
        $acl.AddAccessRule((New-Object System.Security.AccessControl.FileSystemAccessRule(
            $ServiceAccount, $ServiceRights, $inherit, $none, "Allow")))
    }
    Set-Acl -Path $Path -AclObject $acl
}

function Write-DefaultConfig {
    if (Test-Path $ConfigFile) { Write-Host "Keeping existing $ConfigFile"; return }
    $stateToml = $StateDir.Replace("\", "\\")
    @"
# credscan agent configuration (see README "Running the agent"). Secrets are references, never literals.
[scan]
roots = ['D:\Shares']                    # local folders; smb://server/share for remote shares
exclude = ["**/~`$*", "**/.snapshot/**", "**/*.iso", "**/*.vhdx"]
max_file_size = "200MB"
jobs = 2

[schedule]
full = "0 2 * * *"
incremental = "15m"

[watch]
enabled = true
settle_seconds = 2

[state]
dir = "$stateToml"

[agent]
heartbeat = "5m"

[remediation]
vault_name = "the MSP password vault"
"@ | Set-Content -Path $ConfigFile -Encoding UTF8
    Write-Host "Wrote ${ConfigFile}: set [scan] roots, then start the service."
}

function Write-WrapperConfig {
    $credscanExe = Join-Path $VenvDir "Scripts\credscan.exe"
    $logDir = Join-Path $DataDir "logs"
    @"
<service>
  <id>$ServiceName</id>
  <name>credscan agent</name>
  <description>Finds passwords kept in files on this server and reports them to the central log.</description>
  <executable>$credscanExe</executable>
  <arguments>agent run --config "$ConfigFile"</arguments>
  <workingdirectory>$DataDir</workingdirectory>
  <priority>BelowNormal</priority>
  <stoptimeout>30 sec</stoptimeout>
  <startmode>Automatic</startmode>
  <delayedAutoStart>true</delayedAutoStart>
  <onfailure action="restart" delay="10 sec"/>
  <onfailure action="restart" delay="30 sec"/>
  <onfailure action="restart" delay="120 sec"/>
  <resetfailure>1 hour</resetfailure>
  <logpath>$logDir</logpath>
  <log mode="roll-by-size">
    <sizeThreshold>10240</sizeThreshold>
    <keepFiles>8</keepFiles>
  </log>
</service>
"@ | Set-Content -Path $WrapperXml -Encoding UTF8
    New-Item -ItemType Directory -Force -Path $logDir | Out-Null
}

function Uninstall-Agent {
    if (Get-Service -Name $ServiceName -ErrorAction SilentlyContinue) {
        Stop-Service -Name $ServiceName -ErrorAction SilentlyContinue
        if (Test-Path $WrapperTarget) { Invoke-Checked $WrapperTarget @("uninstall") }
        else { Invoke-Checked "sc.exe" @("delete", $ServiceName) }
    }
    Write-Host "Service removed. Config and state are kept in $DataDir; delete it to remove all traces."
}

Assert-Administrator
if ($Uninstall) { Uninstall-Agent; return }
if (-not $WrapperExe -or -not (Test-Path $WrapperExe)) {
    throw "Pass -WrapperExe with the path of WinSW-x64.exe (https://github.com/winsw/winsw/releases)."
}

New-Item -ItemType Directory -Force -Path $InstallDir, $DataDir, $StateDir | Out-Null

# The package in its own venv; pip never runs as the service account.
if (-not (Test-Path (Join-Path $VenvDir "Scripts\python.exe"))) {
    $pyArgs = @()
    if ($Python -eq "py") { $pyArgs += "-3" }
    Invoke-Checked $Python ($pyArgs + @("-m", "venv", $VenvDir))
}
$venvPython = Join-Path $VenvDir "Scripts\python.exe"
Invoke-Checked $venvPython @("-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--upgrade", $Source)

Write-DefaultConfig
Copy-Item -Force $WrapperExe $WrapperTarget
Write-WrapperConfig

# The service reads its config and writes only its state folder.
Set-PrivateAcl -Path $DataDir -ServiceRights "ReadAndExecute"
Set-PrivateAcl -Path $StateDir -ServiceRights "Modify"
Set-PrivateAcl -Path (Join-Path $DataDir "logs") -ServiceRights "Modify"

if (-not (Get-Service -Name $ServiceName -ErrorAction SilentlyContinue)) {
    Invoke-Checked $WrapperTarget @("install")
}
Invoke-Checked "sc.exe" @("config", $ServiceName, "obj=", $ServiceAccount, "start=", "delayed-auto")
Invoke-Checked "sc.exe" @("failure", $ServiceName, "reset=", "3600",
    "actions=", "restart/10000/restart/30000/restart/120000")
Invoke-Checked "sc.exe" @("failureflag", $ServiceName, "1")

if (-not $NoStart) {
    Start-Service -Name $ServiceName
    Write-Host "Started $ServiceName. Status: & '$VenvDir\Scripts\credscan.exe' agent status --config '$ConfigFile'"
} else {
    Write-Host "Installed $ServiceName (not started). Start it with: Start-Service $ServiceName"
}
