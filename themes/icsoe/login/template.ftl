<#--
  ICSOE layout (overrides base/login/template.ftl of Keycloak 26.7.5; see docs/theme-overrides.md).
  Same macro name and parameters as the parent, so every parent template (error.ftl, login-otp.ftl,
  ...) renders inside the gob.mx frame. Only resources of this theme are
  loaded: one stylesheet, two self-hosted fonts, one small script. No request leaves the Keycloak host.
-->
<#import "icsoe-macros.ftl" as icsoe>
<#macro registrationLayout bodyClass="" displayInfo=false displayMessage=true displayRequiredFields=false showUsername=true showTryAnotherWay=true>
<#assign icsoePageTitle><#nested "header"></#assign>
<!DOCTYPE html>
<html lang="${lang!'es'}">
<head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex, nofollow">
    <meta name="referrer" content="no-referrer">
    <title>${icsoePageTitle?markup_string?replace('<[^>]*>', '', 'r')?trim?no_esc} · ${msg("icsoeAppName")}</title>
    <link rel="icon" href="${url.resourcesPath}/img/favicon.svg" type="image/svg+xml">
    <link rel="preload" href="${url.resourcesPath}/fonts/montserrat/montserrat-latin-400-normal.woff2" as="font" type="font/woff2" crossorigin>
    <link rel="preload" href="${url.resourcesPath}/fonts/montserrat/montserrat-latin-700-normal.woff2" as="font" type="font/woff2" crossorigin>
    <#if properties.styles?has_content>
        <#list properties.styles?split(' ') as style>
    <link href="${url.resourcesPath}/${style}" rel="stylesheet">
        </#list>
    </#if>
    <#if properties.scripts?has_content>
        <#list properties.scripts?split(' ') as script>
    <script src="${url.resourcesPath}/${script}" defer></script>
        </#list>
    </#if>
<#-- No </head> end tag (HTML allows leaving it out): Keycloak injects an inline history.replaceState
     script before the first </head> of every POST answer (BrowserHistoryHelper), which the realm's
     Content-Security-Policy (script-src 'self') blocks. Without the tag it has nowhere to go, and
     icsoe.js does the same replaceState. -->
<body class="icsoe ${bodyClass}" data-page-id="login-${pageId!''}">
<a class="icsoe-skip" href="#icsoe-main">${msg("icsoeSkipToContent")}</a>
<header class="icsoe-gob" role="banner">
    <div class="icsoe-gob__inner">
        <span class="icsoe-gob__logo">${msg("icsoeGobMx")}</span>
        <nav class="icsoe-gob__nav" aria-label="${msg("icsoeGobNavLabel")}">
            <ul>
                <li><a href="${msg("icsoeGobTramitesUrl")}">${msg("icsoeGobTramites")}</a></li>
                <li><a href="${msg("icsoeGobGobiernoUrl")}">${msg("icsoeGobGobierno")}</a></li>
            </ul>
        </nav>
    </div>
</header>
<main id="icsoe-main" class="icsoe-main" tabindex="-1">
    <div class="icsoe-app">
        <p class="icsoe-app__name">${msg("icsoeAppName")}</p>
        <p class="icsoe-app__desc">${msg("icsoeAppDescription")}</p>
    </div>
    <#if realm.internationalizationEnabled && (locale.supported?size gt 1)>
    <nav class="icsoe-locale" aria-label="${msg("icsoeLanguage")}">
        <ul>
            <#list locale.supported as l>
            <li><a href="${l.url}" hreflang="${l.languageTag}" lang="${l.languageTag}"<#if l.languageTag == locale.currentLanguageTag> aria-current="true"</#if>>${l.label}</a></li>
            </#list>
        </ul>
    </nav>
    </#if>
    <section class="icsoe-card" aria-labelledby="kc-page-title">
        <h1 id="kc-page-title" class="icsoe-card__title">${icsoePageTitle}</h1>
        <#if showUsername && auth?has_content && auth.showUsername() && !auth.showResetCredentials()>
            <#nested "show-username">
            <p id="kc-username" class="icsoe-username">
                <span>${msg("icsoeUsernameLabel")}: <strong id="kc-attempted-username">${auth.attemptedUsername}</strong></span>
                <a id="reset-login" href="${url.loginRestartFlowUrl}">${msg("restartLoginTooltip")}</a>
            </p>
        </#if>
        <#if displayRequiredFields>
            <p class="icsoe-required-note">${msg("icsoeRequiredFieldsNote")}</p>
        </#if>
        <#-- App-initiated actions do not show warnings about the action they are completing. -->
        <#if displayMessage && message?has_content && (message.type != 'warning' || !isAppInitiatedAction??)>
            <#-- "Tardaste demasiado" is also what Back after Aceptar on "Contraseña actualizada" meets (a
                 new sign-in has begun): icsoe.js says the password was updated there instead -->
            <@icsoe.alert type=message.type afterUpdate=(message.summary == msg("loginTimeout"))?then(msg("icsoeAfterUpdateNotice"), "")>${kcSanitize(message.summary)?no_esc}</@icsoe.alert>
        </#if>

        <#nested "form">

        <#-- off on the login and e.firma pages: their own links already lead to the other way -->
        <#if showTryAnotherWay && auth?has_content && auth.showTryAnotherWayLink()>
            <form id="kc-select-try-another-way-form" action="${url.loginAction}" method="post" class="icsoe-inline-form">
                <input type="hidden" name="tryAnotherWay" value="on">
                <button type="submit" id="try-another-way" class="icsoe-link-button">${msg("doTryAnotherWay")}</button>
            </form>
        </#if>

        <#nested "socialProviders">

        <#if displayInfo>
            <div id="kc-info" class="icsoe-info">
                <#nested "info">
            </div>
        </#if>
    </section>
</main>
<footer class="icsoe-footer" role="contentinfo">
    <div class="icsoe-footer__inner">
        <p class="icsoe-footer__org">${msg("icsoeFooterInstitution")}</p>
        <p>${msg("icsoeFooterUnit")}</p>
        <p>${msg("icsoeFooterHelp")}</p>
    </div>
</footer>
</body>
</html>
</#macro>
